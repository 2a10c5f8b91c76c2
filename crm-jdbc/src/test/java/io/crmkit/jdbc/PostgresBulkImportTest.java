package io.crmkit.jdbc;

/** {@link BulkImportBehaviour} on Postgres; skipped unless its URL variable is set. */
class PostgresBulkImportTest extends BulkImportBehaviour {
    @Override
    TestDb db() {
        return TestDb.POSTGRES;
    }

    @Override
    boolean runsMemoryTest() {
        return true;
    }
}
