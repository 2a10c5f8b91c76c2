package io.crmkit.core.memory;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.Share;
import io.crmkit.core.security.ShareRepository;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Shares in a table keyed by record and grantee, looked up by record. */
record MemoryShares(Table<Share> table) implements ShareRepository {
    static Table<Share> table(java.util.Deque<Runnable> undo, java.util.concurrent.locks.ReentrantReadWriteLock lock) {
        return new Table<>(undo, lock, s -> List.of(), s -> List.of(recordKey(s.kind(), s.recordId())), s -> false);
    }

    @Override
    public void put(Share share) {
        table.upsert(rowId(share.kind(), share.recordId(), share.grantee()), share);
    }

    @Override
    public boolean remove(RecordKind kind, UUID recordId, Grantee grantee) {
        return table.delete(rowId(kind, recordId, grantee));
    }

    @Override
    public List<Share> of(RecordKind kind, UUID recordId) {
        return table.byLookupKey(recordKey(kind, recordId))
                .sorted(Comparator.comparing((Share s) -> s.grantee().id()).thenComparing(s -> s.grantee() instanceof DepartmentRef))
                .toList();
    }

    /** Whether the record is shared with any of these grantees. */
    boolean sharedWithAny(RecordKind kind, UUID recordId, Set<Grantee> grantees) {
        return !grantees.isEmpty() && table.byLookupKey(recordKey(kind, recordId)).anyMatch(s -> grantees.contains(s.grantee()));
    }

    private static String recordKey(RecordKind kind, UUID recordId) {
        return kind + ":" + recordId;
    }

    private static UUID rowId(RecordKind kind, UUID recordId, Grantee grantee) {
        String type = grantee instanceof DepartmentRef ? "D" : "U";
        return UUID.nameUUIDFromBytes((kind + ":" + recordId + ":" + type + ":" + grantee.id()).getBytes(StandardCharsets.UTF_8));
    }
}
