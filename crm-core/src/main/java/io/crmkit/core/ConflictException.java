package io.crmkit.core;

/** The write lost a race or broke uniqueness: an optimistic lock was lost (a stale {@code version}) or a unique key such as an external reference is taken. Reload and try again. */
public class ConflictException extends CrmException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
