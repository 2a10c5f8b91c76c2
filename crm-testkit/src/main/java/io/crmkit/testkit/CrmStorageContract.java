package io.crmkit.testkit;

import io.crmkit.core.spi.CrmStorage;
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
 */
public abstract class CrmStorageContract {
    /** Creates the storage under test. It must be empty: no data from other tests. */
    protected abstract CrmStorage createStorage();

    /** Releases the storage after a test; closes it. Override to also clean a shared database. */
    protected void closeStorage(CrmStorage storage) {
        storage.close();
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
