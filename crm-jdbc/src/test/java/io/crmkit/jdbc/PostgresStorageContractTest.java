package io.crmkit.jdbc;

import io.crmkit.core.spi.CrmStorage;
import io.crmkit.testkit.CrmStorageContract;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract on Postgres when {@code CRM_TEST_POSTGRES_URL} is set: one random table prefix for the
 * class, migrated once, emptied before every test and dropped at the end. The outbox claims also run across
 * a second storage (its own connection pool) on the same tables, as dispatchers in several JVMs would.
 */
class PostgresStorageContractTest extends CrmStorageContract {
    private static String prefix;
    private static boolean migrated;

    @BeforeAll
    static void checkDatabase() {
        TestDb.POSTGRES.assumeAvailable();
        prefix = TestDb.newPrefix();
        migrated = false;
    }

    @AfterAll
    static void dropTables() {
        if (prefix != null && migrated) {
            TestDb.dropTables(TestDb.POSTGRES.url(), prefix);
        }
    }

    @Override
    protected CrmStorage createStorage() {
        TestDb.POSTGRES.assumeAvailable();
        if (migrated) {
            TestDb.deleteAll(TestDb.POSTGRES.url(), prefix);
        }
        JdbcStorage storage = TestDb.POSTGRES.builder(prefix).build();
        migrated = true;
        return storage;
    }

    @Override
    protected Optional<CrmStorage> createSecondStorageOnSameData() {
        return Optional.of(TestDb.POSTGRES.builder(prefix).migrate(false).build());
    }
}
