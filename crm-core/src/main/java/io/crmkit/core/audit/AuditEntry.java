package io.crmkit.core.audit;

import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One change of one record, as the audit trail keeps it. Entries of one {@code stream} form a hash chain:
 * {@code sequence} counts from 1 without gaps, {@code previousHash} is the {@code hash} of the entry before
 * (or {@link #GENESIS} for the first), and {@code hash} covers everything else but the salt and the values
 * themselves, which it covers through their hashes.
 *
 * @param stream       the chain this entry belongs to
 * @param sequence     its position in the chain, from 1
 * @param at           when the change was made (the time of its transaction), to the microsecond
 * @param actor        who made it: the host's user, or {@code system}
 * @param source       how it came in
 * @param kind         the kind of record changed
 * @param recordId     the id of the record changed
 * @param action       what was done
 * @param changes      the fields that changed, in a fixed order per kind of record
 * @param salt         the random salt of the value hashes (hex, 16 bytes); removed with the values when a person's
 *                     data is erased
 * @param previousHash the hash of the entry before in the stream (hex SHA-256)
 * @param hash         this entry's hash (hex SHA-256)
 */
public record AuditEntry(int stream, long sequence, Instant at, UserRef actor, AuditSource source, RecordKind kind,
                         UUID recordId, AuditAction action, List<FieldChange> changes, Optional<String> salt,
                         String previousHash, String hash) {
    /** The previous hash of a stream's first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(action, "action");
        changes = List.copyOf(changes);
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        if (!at.truncatedTo(ChronoUnit.MICROS).equals(at)) {
            throw new IllegalArgumentException("an audit entry's time is in whole microseconds, as every database keeps it: " + at);
        }
    }

    /** The change of one field, if this entry changed it. */
    public Optional<FieldChange> change(String field) {
        return changes.stream().filter(c -> c.field().equals(field)).findFirst();
    }
}
