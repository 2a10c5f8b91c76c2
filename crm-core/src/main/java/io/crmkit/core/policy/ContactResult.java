package io.crmkit.core.policy;

import io.crmkit.core.customer.CustomerId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@link PolicyService#contact} did for one customer.
 *
 * @param record  the task or message created (or found, when {@link ContactOutcome#ALREADY_DONE})
 * @param refusal why not, when {@link ContactOutcome#REFUSED}
 * @param detail  a sentence for people: the cap and the count, the pause's reason, messaging's reason
 */
public record ContactResult(CustomerId customerId, ContactOutcome outcome, Optional<UUID> record,
                            Optional<ContactRefusal> refusal, Optional<String> detail) {
    public ContactResult {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(detail, "detail");
    }

    public static ContactResult refused(CustomerId customer, ContactRefusal why, String detail) {
        return new ContactResult(customer, ContactOutcome.REFUSED, Optional.empty(), Optional.of(why), Optional.of(detail));
    }

    public boolean refused() {
        return outcome == ContactOutcome.REFUSED;
    }
}
