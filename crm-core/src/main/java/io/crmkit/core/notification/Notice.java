package io.crmkit.core.notification;

import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notice to a user or to every member of a department: what happened ({@link #kind()}), to which record, by whom,
 * when. It carries ids, never the record's fields: a recipient opens the record through its service, where access
 * control applies as always. Never changes; the read state is each reader's ({@link InboxEntry}).
 *
 * @param recipient  a {@link UserRef}, or a {@link io.crmkit.core.security.DepartmentRef} for every member
 * @param recordKind the kind of record it is about, {@code kind.recordKind()}
 * @param recordId   the id of that record
 * @param actor      who caused it
 */
public record Notice(NoticeId id, NoticeKind kind, Grantee recipient, RecordKind recordKind, UUID recordId,
                     UserRef actor, Instant at) {
    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(recordKind, "recordKind");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
    }
}
