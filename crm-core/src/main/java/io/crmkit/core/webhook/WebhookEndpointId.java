package io.crmkit.core.webhook;

import java.util.Objects;
import java.util.UUID;

/** Identifies a webhook endpoint. Time-ordered (UUID version 7). */
public record WebhookEndpointId(UUID value) {
    public WebhookEndpointId {
        Objects.requireNonNull(value, "value");
    }

    public static WebhookEndpointId parse(String text) {
        return new WebhookEndpointId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
