package io.crmkit.core.notification;

import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One push of a notice to one user by email or SMS: a row of the notice push queue, sent through the CRM's message
 * channel of its kind with the retries, backoff and leases of the messaging outbox, but about a user, not a customer
 * (no consent, no timeline entry).
 *
 * @param to            the email address or E.164 number from the user's preferences when the notice was raised
 * @param nextAttemptAt not sent before (quiet hours, retry backoff)
 * @param leaseUntil    while set and in the future, a sender holds it
 */
public record NoticePush(UUID id, NoticeId noticeId, UserRef user, ChannelKind kind, String to, String subject,
                         String text, PushStatus status, int attempts, Instant nextAttemptAt,
                         Optional<Instant> leaseUntil, Optional<String> lastError, Instant createdAt, Instant updatedAt,
                         long version) {
    public NoticePush {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (kind == ChannelKind.VOICE) {
            throw new IllegalArgumentException("notices are pushed by email or SMS");
        }
    }

    /** The message a channel sends; its idempotency key is the push's id, the same on every retry. */
    public OutboundMessage message() {
        MessageContent content = kind == ChannelKind.EMAIL
                ? new MessageContent.Email(subject, text, Optional.empty(), List.of(), Optional.empty())
                : new MessageContent.Sms(text);
        return new OutboundMessage(new MessageId(id), "notice-push-" + id, to, content);
    }

    /** Leased by a sender until {@code until}. */
    public NoticePush leased(Instant until, Instant now) {
        return new NoticePush(id, noticeId, user, kind, to, subject, text, status, attempts, nextAttemptAt,
                Optional.of(until), lastError, createdAt, now, version + 1);
    }

    /** Handed to the provider. */
    public NoticePush sent(Instant now) {
        return new NoticePush(id, noticeId, user, kind, to, subject, text, PushStatus.SENT, attempts + 1, nextAttemptAt,
                Optional.empty(), Optional.empty(), createdAt, now, version + 1);
    }

    /** Failed once more: queued again for {@code retryAt}, or ended as {@code finalStatus}. */
    public NoticePush failed(String error, Optional<Instant> retryAt, PushStatus finalStatus, Instant now) {
        return new NoticePush(id, noticeId, user, kind, to, subject, text,
                retryAt.isPresent() ? PushStatus.QUEUED : finalStatus, attempts + 1, retryAt.orElse(nextAttemptAt),
                Optional.empty(), Optional.of(error), createdAt, now, version + 1);
    }
}
