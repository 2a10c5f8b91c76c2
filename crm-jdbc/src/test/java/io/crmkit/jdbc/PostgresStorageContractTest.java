package io.crmkit.jdbc;

import io.crmkit.testkit.CrmStorageContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The storage contract on Postgres when {@code CRM_TEST_POSTGRES_URL} is set, on {@link TestDb#sharedTables()}: one
 * random table prefix for the class, migrated once, emptied before every test and dropped at the end. The outbox
 * claims also run across a second storage (its own connection pool) on the same tables, as dispatchers in several
 * JVMs would.
 */
class PostgresStorageContractTest extends CrmStorageContract {
    private static final TestDb.SharedTables TABLES = TestDb.POSTGRES.sharedTables();

    PostgresStorageContractTest() {
        super(TABLES);
    }

    @BeforeAll
    static void checkDatabase() {
        TestDb.POSTGRES.assumeAvailable();
    }

    @AfterAll
    static void dropTables() {
        TABLES.drop();
    }
}
