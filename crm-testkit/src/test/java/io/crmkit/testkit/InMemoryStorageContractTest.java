package io.crmkit.testkit;

import io.crmkit.core.memory.InMemoryStorage;

/** The in-memory storage passes the whole storage contract. */
class InMemoryStorageContractTest extends CrmStorageContract {
    InMemoryStorageContractTest() {
        super(InMemoryStorage::create);
    }
}
