package io.crmkit.core.messaging;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.InteractionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message in the outbox: what to send, its delivery state, and the bookkeeping of its attempts.
 *
 * @param interactionId the timeline entry that shows this message
 * @param attempts      sending attempts made so far
 * @param nextAttemptAt not sent before this time (retry backoff, quiet hours, rate limit)
 * @param leaseUntil    while set and in the future, a dispatcher is sending it and others keep off
 * @param lastError     why the last attempt failed, or why the message was refused
 */
public record OutboxMessage(OutboundMessage message, CustomerId customerId, InteractionId interactionId,
                            DeliveryStatus status, int attempts, Instant nextAttemptAt, Optional<Instant> leaseUntil,
                            Optional<String> lastError, Optional<String> providerMessageId, Instant createdAt,
                            Instant updatedAt, long version) {
    public OutboxMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The same record belonging to another customer, at the next version: a merge's change (and an unmerge's). */
    public OutboxMessage withCustomer(CustomerId to) {
        return new OutboxMessage(message, to, interactionId, status, attempts, nextAttemptAt, leaseUntil, lastError,
                providerMessageId, createdAt, updatedAt, version + 1);
    }

    public MessageId id() {
        return message.id();
    }

    public ChannelKind kind() {
        return message.kind();
    }

    /** Leased by a dispatcher until {@code until}. */
    public OutboxMessage leased(Instant until, Instant now) {
        return new OutboxMessage(message, customerId, interactionId, status, attempts, nextAttemptAt,
                Optional.of(until), lastError, providerMessageId, createdAt, now, version + 1);
    }

    /** Handed to the provider. */
    public OutboxMessage sent(String providerId, Instant now) {
        return new OutboxMessage(message, customerId, interactionId, DeliveryStatus.SENT, attempts + 1, nextAttemptAt,
                Optional.empty(), Optional.empty(), Optional.of(providerId), createdAt, now, version + 1);
    }

    /** Failed once more: retried at {@code retryAt}, or marked {@code finalStatus} (FAILED or DEAD). */
    public OutboxMessage failed(String error, Optional<Instant> retryAt, DeliveryStatus finalStatus, Instant now) {
        return new OutboxMessage(message, customerId, interactionId, retryAt.isPresent() ? DeliveryStatus.QUEUED : finalStatus,
                attempts + 1, retryAt.orElse(nextAttemptAt), Optional.empty(), Optional.of(error), providerMessageId,
                createdAt, now, version + 1);
    }

    /** Released without an attempt, to be picked up again at {@code at} (rate limit, shutdown). */
    public OutboxMessage deferred(Instant at, Instant now) {
        return new OutboxMessage(message, customerId, interactionId, status, attempts, at, Optional.empty(), lastError,
                providerMessageId, createdAt, now, version + 1);
    }

    /** A provider's delivery report. */
    public OutboxMessage reported(DeliveryStatus reported, Optional<String> detail, Instant now) {
        return new OutboxMessage(message, customerId, interactionId, reported, attempts, nextAttemptAt, leaseUntil,
                detail.or(() -> lastError), providerMessageId, createdAt, now, version + 1);
    }

    /** Queued again by a person after it went dead. */
    public OutboxMessage requeued(Instant now) {
        return new OutboxMessage(message, customerId, interactionId, DeliveryStatus.QUEUED, 0, now, Optional.empty(),
                lastError, providerMessageId, createdAt, now, version + 1);
    }
}
