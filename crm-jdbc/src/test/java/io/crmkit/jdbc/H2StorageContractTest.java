package io.crmkit.jdbc;

import io.crmkit.core.spi.CrmStorage;
import io.crmkit.testkit.CrmStorageContract;

/** The storage contract on H2: a new in-memory database for every test. */
class H2StorageContractTest extends CrmStorageContract {
    @Override
    protected CrmStorage createStorage() {
        return TestDb.H2.builder(JdbcStorage.DEFAULT_TABLE_PREFIX).build();
    }
}
