package io.crmkit.core;

/**
 * A message could not be handed to its transport. {@link #isRetryable()} tells a transient failure
 * (connection refused, SMTP 4xx, HTTP 429/5xx) from a permanent one (a rejected address, HTTP 4xx).
 */
public class DeliveryException extends CrmException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
