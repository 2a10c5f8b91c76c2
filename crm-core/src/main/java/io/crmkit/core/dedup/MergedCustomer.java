package io.crmkit.core.dedup;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.security.RecordKind;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What one merge took from one losing customer.
 *
 * @param customerId       the loser
 * @param versionAfter     the loser's version the merge left; an unmerge requires it unchanged
 * @param archivedBefore   when the loser had been archived before the merge, if it had; an unmerge restores it
 * @param moved            the ids of the loser's records that moved to the winner, by kind, in id order
 * @param emails           the email addresses the winner gained from the loser (the loser keeps its own)
 * @param phones           the phone numbers (E.164) the winner gained
 * @param tags             the tags the winner gained
 * @param attributes       the names of the custom attributes the winner gained
 * @param externalRefs     the external references that moved from the loser to the winner (a reference belongs to
 *                         one customer, so the loser gives them up)
 */
public record MergedCustomer(CustomerId customerId, long versionAfter, Optional<Instant> archivedBefore,
                             Map<RecordKind, List<UUID>> moved, List<String> emails, List<String> phones,
                             List<String> tags, List<String> attributes, List<ExternalRef> externalRefs) {
    public MergedCustomer {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(archivedBefore, "archivedBefore");
        EnumMap<RecordKind, List<UUID>> copy = new EnumMap<>(RecordKind.class);
        moved.forEach((kind, ids) -> {
            if (!ids.isEmpty()) {
                copy.put(kind, List.copyOf(ids));
            }
        });
        moved = Collections.unmodifiableMap(copy);
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
        tags = List.copyOf(tags);
        attributes = List.copyOf(attributes);
        externalRefs = List.copyOf(externalRefs);
    }

    /** How many records moved, of every kind. */
    public int movedCount() {
        return moved.values().stream().mapToInt(List::size).sum();
    }

    /** The ids of the records of one kind that moved. */
    public List<UUID> moved(RecordKind kind) {
        return moved.getOrDefault(kind, List.of());
    }
}
