package io.crmkit.testkit;

import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.UnitOfWork;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox contract with {@link OutboxRepositoryContract#createSecondStorageOnSameData()} in use: the second
 * storage is a view of the same in-memory storage whose {@code close()} leaves the data, so the concurrent
 * claims run through both, as an adapter's would on one database.
 */
class InMemorySecondStorageOutboxContractTest extends OutboxRepositoryContract {
    private InMemoryStorage current;

    @Override
    protected CrmStorage createStorage() {
        current = InMemoryStorage.create();
        return current;
    }

    @Override
    protected Optional<CrmStorage> createSecondStorageOnSameData() {
        return Optional.of(new SameData(Objects.requireNonNull(current, "createStorage() first")));
    }

    /** Another handle on the same data; closing it leaves the data. */
    private record SameData(CrmStorage data) implements CrmStorage {
        @Override
        public <T> T inTransaction(UnitOfWork<T> work) {
            return data.inTransaction(work);
        }

        @Override
        public <T> T read(UnitOfWork<T> work) {
            return data.read(work);
        }

        @Override
        public void close() {
        }
    }
}
