package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditHead;
import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The audit trail in memory: entries by (stream, sequence), indexed by record and by actor, and the stream heads.
 * The storage's write lock already lets one unit of work at a time append, so locking a head is reading it.
 */
record MemoryAudit(Table<AuditEntry> entryTable, Table<AuditHead> headTable) implements AuditRepository {
    private static final Keyset<AuditEntry, Cursor.EntryKey> OLDEST_FIRST =
            Keyset.oldestFirst(e -> new Cursor.EntryKey(e.at(), e.stream(), e.sequence()));

    /** The lookup keys of an entry: its record and its actor. */
    static List<Object> lookupKeys(AuditEntry e) {
        return List.of(new RecordKey(e.kind(), e.recordId()), e.actor());
    }

    private record RecordKey(RecordKind kind, UUID id) {
    }

    /** The row id of the entry at {@code sequence} of {@code stream}. */
    static UUID id(int stream, long sequence) {
        return new UUID(stream, sequence);
    }

    private static UUID headId(int stream) {
        return new UUID(stream, -1);
    }

    @Override
    public void createHeads(int streams) {
        for (int s = 0; s < streams; s++) {
            if (headTable.get(headId(s)).isEmpty()) {
                headTable.insert(headId(s), AuditHead.empty(s));
            }
        }
    }

    @Override
    public List<AuditHead> lockHeads(Collection<Integer> streams) {
        List<AuditHead> out = new ArrayList<>(streams.size());
        streams.stream().sorted().forEach(s -> headTable.get(headId(s)).ifPresent(out::add));
        return out;
    }

    @Override
    public boolean advance(AuditHead from, AuditHead to) {
        if (!headTable.get(headId(from.stream())).equals(Optional.of(from))) {
            return false;
        }
        headTable.put(headId(to.stream()), to);
        return true;
    }

    @Override
    public void insert(List<AuditEntry> entries) {
        for (AuditEntry e : entries) {
            entryTable.insert(id(e.stream(), e.sequence()), e);
        }
    }

    @Override
    public List<AuditHead> heads() {
        return headTable.all().sorted(Comparator.comparingInt(AuditHead::stream)).toList();
    }

    @Override
    public Optional<AuditEntry> find(int stream, long sequence) {
        return entryTable.get(id(stream, sequence));
    }

    @Override
    public List<AuditEntry> entries(int stream, long from, long to) {
        List<AuditEntry> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            entryTable.get(id(stream, s)).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Map<Integer, SequenceRange> sequenceRanges(Instant from, Instant to) {
        Map<Integer, SequenceRange> out = new TreeMap<>();
        entryTable.all().filter(e -> !e.at().isBefore(from) && e.at().isBefore(to)).forEach(e -> out.merge(e.stream(),
                new SequenceRange(e.sequence(), e.sequence()),
                (a, b) -> new SequenceRange(Math.min(a.first(), b.first()), Math.max(a.last(), b.last()))));
        return out;
    }

    @Override
    public Page<AuditEntry> byRecord(RecordKind kind, UUID recordId, PageRequest page) {
        return OLDEST_FIRST.page(entryTable.byLookupKey(new RecordKey(kind, recordId)), page);
    }

    @Override
    public Page<AuditEntry> byActor(UserRef actor, Instant from, Instant to, PageRequest page) {
        return OLDEST_FIRST.page(entryTable.byLookupKey(actor).filter(e -> !e.at().isBefore(from) && e.at().isBefore(to)), page);
    }
}
