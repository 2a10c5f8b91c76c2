package io.crmkit.core;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message could not be handed to its transport. {@link #isRetryable()} tells a transient failure
 * (connection refused, timeout, SMTP 4xx, HTTP 429 and 5xx) from a permanent one (SMTP 5xx, other HTTP
 * 4xx). {@link #retryAfter()} carries the provider's requested wait, such as HTTP Retry-After.
 * Messages never contain credentials.
 */
public class DeliveryException extends CrmException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final @Nullable Duration retryAfter;

    public DeliveryException(String message, boolean retryable) {
        this(message, retryable, null, null);
    }

    public DeliveryException(String message, boolean retryable, @Nullable Throwable cause) {
        this(message, retryable, null, cause);
    }

    public DeliveryException(String message, boolean retryable, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** A transient failure: a later attempt may succeed. */
    public static DeliveryException retryable(String message, @Nullable Throwable cause) {
        return new DeliveryException(message, true, null, cause);
    }

    /** A permanent failure: retrying will not help. */
    public static DeliveryException permanent(String message, @Nullable Throwable cause) {
        return new DeliveryException(message, false, null, cause);
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** How long the provider asked us to wait before the next attempt. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
