package io.crmkit.core.notification;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.UUID;

/**
 * A notice raised or to be pushed. One branch of the sealed {@link DomainEvent}: switch over its records. Thin, as
 * every event: the notice's id and recipient, never what it reports.
 */
public sealed interface NotificationEvent extends DomainEvent {
    NoticeId noticeId();

    @Override
    default RecordKind recordKind() {
        return RecordKind.NOTICE;
    }

    @Override
    default UUID recordId() {
        return noticeId().value();
    }

    /** A notice reached an inbox. */
    record Raised(NoticeId noticeId, NoticeKind kind, Grantee recipient, Instant at, UserRef actor)
            implements NotificationEvent {
    }

    /**
     * The recipient asked for notices of this kind by {@link PushChannel#WEBHOOK}: the webhook deliveries of the event
     * outbox carry it ({@code notice.push_requested}) to the host's endpoint.
     */
    record PushRequested(NoticeId noticeId, NoticeKind kind, UserRef recipient, Instant at, UserRef actor)
            implements NotificationEvent {
    }
}
