package io.crmkit.core.webhook;

import io.crmkit.core.event.EventRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link WebhookTransport} sends: the event to the endpoint's URL, signed at {@code timestamp} with each of
 * {@code secrets} ({@link WebhookSignature}), with the event id as the message id.
 *
 * @param attempt 1 for the first attempt of the delivery
 */
public record WebhookRequest(WebhookEndpointId endpointId, String url, EventRecord event, Instant timestamp,
                             List<WebhookSecret> secrets, int attempt) {
    public WebhookRequest {
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timestamp, "timestamp");
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a request is signed with at least one secret");
        }
    }

    /** The {@code webhook-id}: the event id, the same on every attempt and replay, so receivers de-duplicate by it. */
    public String messageId() {
        return event.id().toString();
    }
}
