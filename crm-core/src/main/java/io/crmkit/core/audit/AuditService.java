package io.crmkit.core.audit;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and checks the audit trail, obtained as {@code crm.audit()}. Entries are written by the other services,
 * in the transaction of each change; nothing here writes.
 *
 * <pre>{@code
 * Page<AuditEntry> page = crm.audit().history(RecordKind.CUSTOMER, customer.id().value(), PageRequest.first(50));
 * for (AuditEntry e : page.items()) {
 *     e.change("displayName").ifPresent(c -> System.out.println(e.at() + " " + e.actor() + ": "
 *             + c.oldValue().orElse("") + " -> " + c.newValue().orElse("")));
 * }
 * AuditVerification v = crm.audit().verify();
 * }</pre>
 */
public interface AuditService {
    /**
     * The entries of one record, oldest first (by time, then stream and sequence): its field history.
     *
     * @param recordId the record's id ({@code customer.id().value()}, ...)
     */
    Page<AuditEntry> history(RecordKind kind, UUID recordId, PageRequest page);

    /** What {@code actor} changed from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    Page<AuditEntry> byActor(UserRef actor, Instant from, Instant to, PageRequest page);

    /**
     * Checks the entries made from {@code from} (inclusive) to {@code to} (exclusive): in each stream, every
     * entry from the first to the last in the period (and any between them made outside it) is recomputed and
     * linked to the one before; the entry before the period and the one after must exist, or the head must
     * follow the last. Reads every entry of the period; for a whole trail of 100,000 entries, a few seconds.
     *
     * @throws io.crmkit.core.ValidationException if {@code from} is not before {@code to}
     */
    AuditVerification verify(Instant from, Instant to);

    /** Checks every chain from its first entry to its head. */
    AuditVerification verify();

    /**
     * The head of every stream: its newest sequence and hash. Kept outside the database (a log, a signed
     * message), a head lets a later check show that the chain was not rewritten up to it: after
     * {@link #verify()} holds, {@link #entry(int, long)} at the kept sequence must still have the kept hash.
     */
    List<AuditHead> heads();

    /** The entry at {@code sequence} of {@code stream}. */
    Optional<AuditEntry> entry(int stream, long sequence);
}
