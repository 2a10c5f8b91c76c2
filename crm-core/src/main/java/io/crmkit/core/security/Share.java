package io.crmkit.core.security;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A record given to a user or a department beyond what the access rules grant: they may read it, and with
 * {@link ShareAccess#EDIT} edit it. Customers, tasks and opportunities (the owned records) are shared; a shared customer brings what belongs to it
 * (its timeline, needs, surveys, purchases and messages) with it. Documents are granted the same way, as shares of
 * {@link RecordKind#DOCUMENT}, through {@code crm.documents().grant(...)} (which raises the event notifications
 * follow), not through the access service.
 *
 * @param kind     {@link RecordKind#CUSTOMER}, {@link RecordKind#TASK} or {@link RecordKind#OPPORTUNITY}
 * @param recordId the shared record's id
 * @param grantee  the user or department it is shared with
 * @param access   what the grantee may do
 * @param cause    why it is shared
 * @param sharedBy who shared it
 * @param sharedAt when
 */
public record Share(RecordKind kind, UUID recordId, Grantee grantee, ShareAccess access, ShareCause cause,
                    UserRef sharedBy, Instant sharedAt) {
    public Share {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(sharedBy, "sharedBy");
        Objects.requireNonNull(sharedAt, "sharedAt");
    }

    /** Whether records of this kind can be shared. */
    public static boolean isShareable(RecordKind kind) {
        return kind == RecordKind.CUSTOMER || kind == RecordKind.TASK
                || kind == RecordKind.OPPORTUNITY;
    }
}
