package io.crmkit.testkit;

import io.crmkit.core.spi.CrmStorage;
import java.util.Optional;

/**
 * Opens the storage under test for the contract suites: {@link #open()} once before every test, {@link
 * #close(CrmStorage)} once after it. An adapter hands one to {@link CrmStorageContract} (or to a single suite)
 * through the constructor; for most adapters a method reference is enough:
 *
 * <pre>{@code
 * class MyStorageContractTest extends CrmStorageContract {
 *     MyStorageContractTest() {
 *         super(MyStorage::createEmpty);   // a fresh, empty storage for each test
 *     }
 * }
 * }</pre>
 *
 * <p>An adapter on a database shared between tests implements the interface in a class: {@link #open()} empties
 * or creates the tables, {@link #close(CrmStorage)} may also clean up, and {@link #openOnSameData(CrmStorage)}
 * gives {@link OutboxRepositoryContract} a second instance on the same data (another connection pool), so
 * outbox claims are checked across instances as between dispatchers in several JVMs.
 */
@FunctionalInterface
public interface StorageFactory {
    /** Opens the storage for one test. It must be empty: no data from other tests. */
    CrmStorage open();

    /**
     * Releases a storage from {@link #open()} after its test. Default: {@link CrmStorage#close()}. Override to
     * also drop what the test left in a shared database.
     */
    default void close(CrmStorage storage) {
        storage.close();
    }

    /**
     * A second storage instance on the same data as {@code first}, the one {@link #open()} gave for the running
     * test; for JDBC another pool on the same database. Called at most once per test, after {@code open()}; the
     * suite closes it with {@link CrmStorage#close()} before {@link #close(CrmStorage)} releases {@code first},
     * so closing it must leave the data in place. Default: none; cross-instance checks then run on one instance.
     */
    default Optional<CrmStorage> openOnSameData(CrmStorage first) {
        return Optional.empty();
    }
}
