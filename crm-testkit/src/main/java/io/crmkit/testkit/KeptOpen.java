package io.crmkit.testkit;

import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.UnitOfWork;

/** The storage under test for a CRM, which would close it: the suite does, after the test. */
record KeptOpen(CrmStorage delegate) implements CrmStorage {
    @Override
    public <T> T inTransaction(UnitOfWork<T> work) {
        return delegate.inTransaction(work);
    }

    @Override
    public <T> T read(UnitOfWork<T> work) {
        return delegate.read(work);
    }

    @Override
    public java.util.Optional<io.crmkit.core.document.ContentStore> contentStore() {
        return delegate.contentStore();
    }

    @Override
    public void close() {
    }
}
