package io.crmkit.jdbc;

/** {@link JdbcStorageBehaviour} on MariaDb; skipped unless its URL variable is set. */
class MariaDbJdbcStorageTest extends OutboxBehaviour {
    @Override
    TestDb db() {
        return TestDb.MARIADB;
    }
}
