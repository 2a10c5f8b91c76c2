package io.crmkit.core.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Storage port for record shares. A record has at most one share per grantee: storing another replaces it.
 */
public interface ShareRepository {
    /** Stores the share, replacing the grantee's earlier share of the same record. */
    void put(Share share);

    /** Removes the grantee's share of the record; whether there was one. */
    boolean remove(RecordKind kind, UUID recordId, Grantee grantee);

    /** The record's shares, by grantee id. */
    List<Share> of(RecordKind kind, UUID recordId);

    /** The widest access the record is shared with to any of these grantees, if any. */
    default java.util.Optional<ShareAccess> accessFor(RecordKind kind, UUID recordId, Set<Grantee> grantees) {
        return of(kind, recordId).stream().filter(s -> grantees.contains(s.grantee())).map(Share::access)
                .max(Enum::compareTo);
    }
}
