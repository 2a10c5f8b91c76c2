package io.crmkit.core.notification;

import io.crmkit.core.security.RecordKind;

/** What a notice reports, and the kind of record it is about. */
public enum NoticeKind {
    /** A task was assigned to the recipient (a user, or a department when no user is named). */
    TASK_ASSIGNED(RecordKind.TASK),
    /** A service case assigned to the recipient breached a service level. */
    CASE_BREACHED(RecordKind.SERVICE_CASE),
    /** The recipient was mentioned ({@code @user}) in a comment on a task. */
    MENTIONED(RecordKind.TASK),
    /** A document was shared (granted) with the recipient. */
    DOCUMENT_SHARED(RecordKind.DOCUMENT);

    private final RecordKind recordKind;

    NoticeKind(RecordKind recordKind) {
        this.recordKind = recordKind;
    }

    /** The kind of record a notice of this kind is about. */
    public RecordKind recordKind() {
        return recordKind;
    }
}
