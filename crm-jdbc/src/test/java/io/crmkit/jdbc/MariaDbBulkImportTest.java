package io.crmkit.jdbc;

/** {@link BulkImportBehaviour} on MariaDb; skipped unless its URL variable is set. */
class MariaDbBulkImportTest extends BulkImportBehaviour {
    @Override
    TestDb db() {
        return TestDb.MARIADB;
    }

    @Override
    boolean runsCdnow() {
        return false;
    }
}
