package io.crmkit.testkit;

import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.spi.CrmStorage;

/** The in-memory storage passes the whole storage contract. */
class InMemoryStorageContractTest extends CrmStorageContract {
    @Override
    protected CrmStorage createStorage() {
        return InMemoryStorage.create();
    }
}
