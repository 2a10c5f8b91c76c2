package io.crmkit.core.event;

import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A domain event as the event outbox keeps it: thin (which record, which version, which fields changed; never a
 * field value), written by the unit of work that made the change, in its transaction.
 *
 * @param id            stable and unique: a consumer de-duplicates by it (time-ordered, so it sorts like positions
 *                      within one JVM)
 * @param position      the event's place in the store's commit order, from 1, dense: a later commit has a higher
 *                      position, so a consumer that remembers the last position it handled misses nothing
 * @param type          {@code <record kind>.<event>} in lower case with underscores, such as
 *                      {@code customer.updated} or {@code service_case.transitioned}
 * @param recordVersion the record's version after the change, for the events that carry one
 * @param changedFields the fields the unit of work changed on the record, in the audit trail's names (empty
 *                      where the change is not one of fields, such as an archive)
 * @param source        how the change came in
 */
public record EventRecord(UUID id, long position, String type, RecordKind recordKind, UUID recordId,
                          OptionalLong recordVersion, List<String> changedFields, Instant occurredAt, UserRef actor,
                          AuditSource source) {
    /** The longest event type name. */
    public static final int MAX_TYPE = 100;

    public EventRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(recordKind, "recordKind");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(recordVersion, "recordVersion");
        changedFields = List.copyOf(changedFields);
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
        if (position < 1) {
            throw new IllegalArgumentException("position must be at least 1: " + position);
        }
    }
}
