package io.crmkit.core.security;

import java.util.List;
import java.util.UUID;

/**
 * Shares records beyond what the access rules grant, and answers what the acting user may do. Obtained
 * from {@code crm.access()} or {@code crm.as(actor).access()}; thread-safe; every call is one transaction.
 * Sharing a record takes the right to edit it; a record the actor may not read is reported as missing.
 */
public interface AccessService {
    /**
     * Shares a customer, a task or an opportunity with a user or a department, replacing the grantee's earlier share of it.
     *
     * @throws io.crmkit.core.ValidationException   if the kind cannot be shared
     * @throws io.crmkit.core.NotFoundException     if there is no such record, or the actor may not read it
     * @throws io.crmkit.core.AccessDeniedException if the actor may not edit it
     */
    Share share(RecordKind kind, UUID recordId, Grantee grantee, ShareAccess access, ShareCause cause);

    /** A manual share: {@link #share(RecordKind, UUID, Grantee, ShareAccess, ShareCause)} by a user. */
    default Share share(RecordKind kind, UUID recordId, Grantee grantee, ShareAccess access) {
        return share(kind, recordId, grantee, access, ShareCause.MANUAL);
    }

    /** Takes back the grantee's share of the record; whether there was one. Takes the right to edit the record. */
    boolean unshare(RecordKind kind, UUID recordId, Grantee grantee);

    /** The record's shares, by grantee id. Takes the right to read the record. */
    List<Share> sharesOf(RecordKind kind, UUID recordId);

    /** Whether the acting user may do {@code action} to the record; false for a record that does not exist. */
    boolean can(Action action, RecordKind kind, UUID recordId);
}
