package io.crmkit.jdbc;

import io.crmkit.testkit.CrmStorageContract;

/** The storage contract on H2: a new in-memory database for every test. */
class H2StorageContractTest extends CrmStorageContract {
    H2StorageContractTest() {
        super(() -> TestDb.H2.builder(JdbcStorage.DEFAULT_TABLE_PREFIX).build());
    }
}
