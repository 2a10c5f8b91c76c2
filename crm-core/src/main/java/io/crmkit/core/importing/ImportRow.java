package io.crmkit.core.importing;

import io.crmkit.core.ValidationException.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What happened to one input row.
 *
 * @param index    the row's position in the input, from 0
 * @param id       the stored record's id (inserted or updated; for a duplicate, the record it duplicates
 *                 when known)
 * @param problems why a row was rejected or counted as a duplicate
 */
public record ImportRow(long index, Outcome outcome, Optional<UUID> id, List<Violation> problems) {
    /** The four outcomes of a row. */
    public enum Outcome {
        INSERTED,
        UPDATED,
        /** Invalid, or refused by the storage; the other rows went on. */
        REJECTED,
        /** Its key (external reference, email or external id) appeared earlier in the same input. */
        DUPLICATE
    }

    public ImportRow {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(id, "id");
        problems = List.copyOf(problems);
    }
}
