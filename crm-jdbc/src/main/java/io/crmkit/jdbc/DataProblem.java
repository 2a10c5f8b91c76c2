package io.crmkit.jdbc;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored value that a data migration could not bring into today's form and therefore left as it was, for
 * the host to look at and correct through the services. Listed by {@link JdbcStorage#dataProblems}.
 *
 * @param recordKind what the record is: {@code customer}
 * @param recordId   the record's id (for a customer, its {@link io.crmkit.core.customer.CustomerId} value)
 * @param field      the field, with an index for list items: {@code phones[1]}
 * @param value      the value as stored, unchanged
 * @param reason     why the migration could not read it
 * @param migration  the migration that found it, such as {@code V5}
 * @param foundAt    when the migration ran
 */
public record DataProblem(String recordKind, UUID recordId, String field, String value, String reason,
                          String migration, Instant foundAt) {
    /** Checks that no component is null. */
    public DataProblem {
        Objects.requireNonNull(recordKind, "recordKind");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(foundAt, "foundAt");
    }
}
