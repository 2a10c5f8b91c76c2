package io.crmkit.core;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception crmkit throws. It is unchecked: callers catch the subclass that
 * says what happened ({@link ValidationException}, {@link NotFoundException}, {@link ConflictException},
 * {@link AccessDeniedException}, {@link InvalidTransitionException}, {@link StorageException},
 * {@link DeliveryException}).
 */
public class CrmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CrmException(String message) {
        super(message);
    }

    public CrmException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
