package io.crmkit.testkit;

import io.crmkit.core.document.ContentStore;
import io.crmkit.core.memory.InMemoryContentStore;

/** {@link ContentStoreContract} on the heap store; the large round trip is left out, the store holds content whole. */
class InMemoryContentStoreTest extends ContentStoreContract {
    private InMemoryContentStore memory;

    @Override
    protected ContentStore openStore() {
        memory = InMemoryContentStore.create();
        return memory;
    }

    @Override
    protected long storedObjects() {
        return memory.size();
    }

    @Override
    protected boolean streams() {
        return false;
    }
}
