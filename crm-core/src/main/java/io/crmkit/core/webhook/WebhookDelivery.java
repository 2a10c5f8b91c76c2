package io.crmkit.core.webhook;

import io.crmkit.core.event.EventRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One event on its way to one endpoint: written with the event's fan-out (or by a replay), claimed by a dispatcher
 * under a lease, attempted until it succeeds or is given up. Keeps the thin event itself, so a replay needs no event
 * outbox entry (those are purged once relayed).
 *
 * @param replay         made by a replay, not by the event's fan-out
 * @param attempts       how many attempts were made
 * @param nextAttemptAt  when it is due (while pending)
 * @param leaseUntil     until when a dispatcher holds it
 * @param lastStatusCode the HTTP status of the last attempt that got an answer
 * @param lastError      what went wrong in the last failed attempt
 */
public record WebhookDelivery(UUID id, WebhookEndpointId endpointId, EventRecord event, boolean replay,
                              WebhookDeliveryStatus status, int attempts, Instant nextAttemptAt,
                              Optional<Instant> leaseUntil, OptionalInt lastStatusCode, Optional<String> lastError,
                              Instant createdAt, Instant updatedAt, long version) {
    /** The longest error kept. */
    public static final int MAX_ERROR = 1_000;

    public WebhookDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(lastStatusCode, "lastStatusCode");
        lastError = Objects.requireNonNull(lastError, "lastError").map(WebhookDelivery::clip);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new pending delivery, due at {@code now}. */
    public static WebhookDelivery pending(UUID id, WebhookEndpointId endpoint, EventRecord event, boolean replay,
                                          Instant now) {
        return pending(id, endpoint, event, replay, now, now);
    }

    /** As {@link #pending(UUID, WebhookEndpointId, EventRecord, boolean, Instant)}, first due at {@code dueAt}. */
    public static WebhookDelivery pending(UUID id, WebhookEndpointId endpoint, EventRecord event, boolean replay,
                                          Instant now, Instant dueAt) {
        return new WebhookDelivery(id, endpoint, event, replay, WebhookDeliveryStatus.PENDING, 0, dueAt,
                Optional.empty(), OptionalInt.empty(), Optional.empty(), now, now, 1);
    }

    /** Held by a dispatcher until {@code until}. */
    public WebhookDelivery leased(Instant until, Instant now) {
        return new WebhookDelivery(id, endpointId, event, replay, status, attempts, nextAttemptAt, Optional.of(until),
                lastStatusCode, lastError, createdAt, now, version + 1);
    }

    /** After an attempt: {@code next} status, due again at {@code retryAt} if still pending; the lease let go. */
    public WebhookDelivery attempted(WebhookDeliveryStatus next, OptionalInt statusCode, Optional<String> error,
                                     Instant retryAt, Instant now) {
        return new WebhookDelivery(id, endpointId, event, replay, next, attempts + 1, retryAt, Optional.empty(),
                statusCode.isPresent() ? statusCode : lastStatusCode, error, createdAt, now, version + 1);
    }

    /** Given up without an attempt (its endpoint is disabled or gone). */
    public WebhookDelivery abandoned(String error, Instant now) {
        return new WebhookDelivery(id, endpointId, event, replay, WebhookDeliveryStatus.FAILED, attempts, nextAttemptAt,
                Optional.empty(), lastStatusCode, Optional.of(error), createdAt, now, version + 1);
    }

    private static String clip(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
