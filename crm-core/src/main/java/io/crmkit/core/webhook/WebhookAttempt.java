package io.crmkit.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One line of the delivery log: one attempt of a delivery, when, how long it took, what the endpoint answered or what
 * went wrong, and the delivery's status after it.
 *
 * @param number     1 for a delivery's first attempt
 * @param statusCode the HTTP status, when an answer came
 * @param error      what went wrong (a status that is not 2xx, a refused connection, a timeout)
 * @param result     the delivery's status after this attempt ({@code PENDING}: it is tried again)
 */
public record WebhookAttempt(UUID id, UUID deliveryId, WebhookEndpointId endpointId, UUID eventId, int number,
                             Instant at, OptionalInt statusCode, Duration duration, Optional<String> error,
                             WebhookDeliveryStatus result) {
    public WebhookAttempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(result, "result");
    }

    /** Whether the endpoint answered 2xx. */
    public boolean succeeded() {
        return statusCode.isPresent() && statusCode.getAsInt() >= 200 && statusCode.getAsInt() < 300;
    }
}
