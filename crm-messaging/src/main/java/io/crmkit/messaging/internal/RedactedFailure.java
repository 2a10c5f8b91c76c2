package io.crmkit.messaging.internal;

import org.jspecify.annotations.Nullable;

/**
 * Stands in for a transport library's exception in a {@link io.crmkit.core.DeliveryException}'s cause
 * chain: the original's class name, its message with the secrets masked and its stack trace, so the chain
 * still says where and why it failed without carrying a password or token a server echoed back.
 */
public final class RedactedFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String originalClass;

    RedactedFailure(String originalClass, @Nullable String message) {
        super(message);
        this.originalClass = originalClass;
    }

    /** The original's class name and cleaned message, as the original's {@code toString()} would read. */
    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClass : originalClass + ": " + message;
    }
}
