package io.crmkit.core.webhook;

/** Whether an endpoint receives deliveries. */
public enum WebhookEndpointStatus {
    /** New events are delivered to it. */
    ENABLED,
    /** Nothing is delivered: disabled by a user, by a {@code 410 Gone}, or after failing for too long. */
    DISABLED
}
