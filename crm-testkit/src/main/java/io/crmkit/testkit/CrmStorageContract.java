package io.crmkit.testkit;

import io.crmkit.core.spi.CrmStorage;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/**
 * The whole storage contract in one class: every repository's suite, transactions and concurrency, as
 * {@link Nested} groups. An adapter runs it with one subclass:
 *
 * <pre>{@code
 * class JdbcStorageContractTest extends CrmStorageContract {
 *     @Override
 *     protected CrmStorage createStorage() {
 *         return JdbcStorage.embedded(...);   // fresh and empty for each test
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #createStorage()} is called once before every test and {@link #closeStorage(CrmStorage)} once
 * after it. The suites are also usable one by one: extend {@link CustomerRepositoryContract} and the others.
 *
 * <p>An adapter whose outbox claims must hold across storage instances on one database (several JVMs)
 * also overrides {@link #createSecondStorageOnSameData()}; see {@link OutboxRepositoryContract}.
 */
public abstract class CrmStorageContract {
    /** Creates the storage under test. It must be empty: no data from other tests. */
    protected abstract CrmStorage createStorage();

    /** Releases the storage after a test; closes it. Override to also clean a shared database. */
    protected void closeStorage(CrmStorage storage) {
        storage.close();
    }

    /**
     * A second storage instance on the same data as the latest one from {@link #createStorage()}, for the
     * concurrent claims of {@link OutboxRepositoryContract}; closed with {@link CrmStorage#close()}, which must
     * leave the data in place. Default: none.
     */
    protected Optional<CrmStorage> createSecondStorageOnSameData() {
        return Optional.empty();
    }

    /** {@link CustomerRepositoryContract} on this storage. */
    @Nested
    public class Customers extends CustomerRepositoryContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmStorageContract.this.createStorage();
        }

        @Override
        protected void closeStorage(CrmStorage storage) {
            CrmStorageContract.this.closeStorage(storage);
        }
    }

    /** {@link InteractionRepositoryContract} on this storage. */
    @Nested
    public class Interactions extends InteractionRepositoryContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmStorageContract.this.createStorage();
        }

        @Override
        protected void closeStorage(CrmStorage storage) {
            CrmStorageContract.this.closeStorage(storage);
        }
    }

    /** {@link RequirementRepositoryContract} on this storage. */
    @Nested
    public class Requirements extends RequirementRepositoryContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmStorageContract.this.createStorage();
        }

        @Override
        protected void closeStorage(CrmStorage storage) {
            CrmStorageContract.this.closeStorage(storage);
        }
    }

    /** {@link TaskRepositoryContract} on this storage. */
    @Nested
    public class Tasks extends TaskRepositoryContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmStorageContract.this.createStorage();
        }

        @Override
        protected void closeStorage(CrmStorage storage) {
            CrmStorageContract.this.closeStorage(storage);
        }
    }

    /** {@link SurveyRepositoryContract} on this storage. */
    @Nested
    public class Surveys extends SurveyRepositoryContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmStorageContract.this.createStorage();
        }

        @Override
        protected void closeStorage(CrmStorage storage) {
            CrmStorageContract.this.closeStorage(storage);
        }
    }

    /** {@link PurchaseRepositoryContract} on this storage. */
    @Nested
    public class Purchases extends PurchaseRepositoryContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmStorageContract.this.createStorage();
        }

        @Override
        protected void closeStorage(CrmStorage storage) {
            CrmStorageContract.this.closeStorage(storage);
        }
    }

    /** {@link OutboxRepositoryContract} on this storage. */
    @Nested
    public class Outbox extends OutboxRepositoryContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmStorageContract.this.createStorage();
        }

        @Override
        protected void closeStorage(CrmStorage storage) {
            CrmStorageContract.this.closeStorage(storage);
        }

        @Override
        protected Optional<CrmStorage> createSecondStorageOnSameData() {
            return CrmStorageContract.this.createSecondStorageOnSameData();
        }
    }

    /** {@link TransactionContract} on this storage. */
    @Nested
    public class Transactions extends TransactionContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmStorageContract.this.createStorage();
        }

        @Override
        protected void closeStorage(CrmStorage storage) {
            CrmStorageContract.this.closeStorage(storage);
        }
    }

    /** {@link ConcurrencyContract} on this storage. */
    @Nested
    public class Concurrency extends ConcurrencyContract {
        @Override
        protected CrmStorage createStorage() {
            return CrmStorageContract.this.createStorage();
        }

        @Override
        protected void closeStorage(CrmStorage storage) {
            CrmStorageContract.this.closeStorage(storage);
        }
    }
}
