package io.crmkit.testkit;

import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.UnitOfWork;
import java.util.Optional;

/**
 * The outbox contract with {@link StorageFactory#openOnSameData(CrmStorage)} in use: the second storage is a
 * view of the same in-memory storage whose {@code close()} leaves the data, so the concurrent claims run through
 * both, as an adapter's would on one database.
 */
class InMemorySecondStorageOutboxContractTest extends OutboxRepositoryContract {
    InMemorySecondStorageOutboxContractTest() {
        super(new StorageFactory() {
            @Override
            public CrmStorage open() {
                return InMemoryStorage.create();
            }

            @Override
            public Optional<CrmStorage> openOnSameData(CrmStorage first) {
                return Optional.of(new SameData(first));
            }
        });
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
