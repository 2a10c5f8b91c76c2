package io.crmkit.core.audit;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage port of the audit trail: entries and stream heads. Entries are only ever appended; crmkit computes
 * their hashes, the storage keeps them exactly (times to the microsecond, text as given). Lists are ordered by
 * time, then stream, then sequence, and paged with {@link io.crmkit.core.spi.Cursor.EntryKey}.
 */
public interface AuditRepository {
    /** Makes the heads of streams {@code 0} to {@code streams - 1} that do not exist yet, empty. */
    void createHeads(int streams);

    /**
     * The heads of {@code streams}, locked until the unit of work ends, so that one transaction at a time appends
     * to a stream (in memory the storage's write lock does it). Locks in ascending stream order, so two appenders
     * never wait for each other in a circle. A stream without a head is left out.
     */
    List<AuditHead> lockHeads(Collection<Integer> streams);

    /**
     * Moves the head of {@code from.stream()} to {@code to} if it is still {@code from} (same sequence and hash), and
     * keeps it locked until the unit of work ends; if another unit of work moved it, changes nothing and says
     * {@code false}. A head another unit of work holds is waited for, then compared with what it committed. This is
     * how an appender that remembers the heads skips {@link #lockHeads}: it reads a head again only when the
     * compare fails.
     */
    boolean advance(AuditHead from, AuditHead to);

    /** Stores {@code entries}, whose heads were advanced in this unit of work, in one batch where it can. */
    void insert(List<AuditEntry> entries);

    /** Every stream head, by stream. */
    List<AuditHead> heads();

    Optional<AuditEntry> find(int stream, long sequence);

    /** The entries of {@code stream} with sequences {@code from} to {@code to} (both inclusive), in sequence order. */
    List<AuditEntry> entries(int stream, long from, long to);

    /**
     * For each stream with entries made from {@code from} (inclusive) to {@code to} (exclusive): the lowest and the
     * highest sequence among them.
     */
    Map<Integer, SequenceRange> sequenceRanges(Instant from, Instant to);

    /** The entries of one record. */
    Page<AuditEntry> byRecord(RecordKind kind, UUID recordId, PageRequest page);

    /** The entries of one actor made from {@code from} (inclusive) to {@code to} (exclusive). */
    Page<AuditEntry> byActor(UserRef actor, Instant from, Instant to, PageRequest page);

    /**
     * The sequences of one stream's entries in a period.
     *
     * @param first the lowest
     * @param last  the highest
     */
    record SequenceRange(long first, long last) {
    }
}
