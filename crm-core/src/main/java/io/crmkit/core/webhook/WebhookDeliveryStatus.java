package io.crmkit.core.webhook;

/** Where a delivery of one event to one endpoint stands. */
public enum WebhookDeliveryStatus {
    /** Waiting for its first attempt or a retry. */
    PENDING,
    /** The endpoint answered 2xx. */
    SUCCEEDED,
    /** Given up: an answer that is not retried, the retries ran out, or the endpoint is disabled. */
    FAILED
}
