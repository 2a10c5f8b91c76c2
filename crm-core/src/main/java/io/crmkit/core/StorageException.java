package io.crmkit.core;

/** The storage failed: a lost connection, a broken database. It wraps the driver's exception; the operation wrote nothing. */
public class StorageException extends CrmException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
