package io.crmkit.jdbc;

/** {@link BulkImportBehaviour} on H2. */
class H2BulkImportTest extends BulkImportBehaviour {
    @Override
    TestDb db() {
        return TestDb.H2;
    }
}
