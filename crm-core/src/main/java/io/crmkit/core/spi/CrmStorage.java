package io.crmkit.core.spi;

/**
 * The storage port. {@link #inTransaction} runs a unit of work in one transaction: it commits if the
 * work returns and rolls everything back if it throws, so a failed unit of work leaves nothing behind.
 * Implementations are thread-safe. Errors of the underlying store surface as
 * {@link io.crmkit.core.StorageException}; lost optimistic locks and taken unique keys as
 * {@link io.crmkit.core.ConflictException}.
 */
public interface CrmStorage extends AutoCloseable {
    /**
     * Runs work in a read-write transaction. A call inside another unit of work joins it as a savepoint
     * would: if the inner work throws, what it changed is undone (and only that), so that the enclosing
     * work may catch the failure and carry on.
     */
    <T> T inTransaction(UnitOfWork<T> work);

    /**
     * Runs work that only reads: it may not write, and a write unit of work inside it is refused. Adapters may
     * use a cheaper transaction, or none where the database's isolation gives no more inside one.
     */
    default <T> T read(UnitOfWork<T> work) {
        return inTransaction(work);
    }

    /**
     * Where document content goes unless the {@code DocumentSettings} name a store: the storage's own (a table of the
     * database, the heap in memory). Empty by default, for adapters that have none; documents then need a store in
     * their settings.
     */
    default java.util.Optional<io.crmkit.core.document.ContentStore> contentStore() {
        return java.util.Optional.empty();
    }

    /** Releases what the storage owns (pools it created, files). Never throws checked exceptions. */
    @Override
    void close();
}
