package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.spi.Cursor;
import java.util.Optional;

record MemoryServiceCases(Table<ServiceCase> table, MemoryAccess access) implements ServiceCaseRepository {
    private static final Keyset<ServiceCase, Cursor.IdKey> BY_ID = Keyset.byId(c -> c.id().value());

    @Override
    public void insert(ServiceCase serviceCase) {
        table.insert(serviceCase.id().value(), serviceCase);
    }

    @Override
    public Optional<ServiceCase> findById(ServiceCaseId id) {
        return table.get(id.value());
    }

    @Override
    public void update(ServiceCase serviceCase) {
        table.replace(serviceCase.id().value(), serviceCase, ServiceCase::version, "service case");
    }

    @Override
    public Page<ServiceCase> search(ServiceCaseQuery query, AccessScope scope, PageRequest page) {
        return BY_ID.page(table.all().filter(c -> query.matches(c) && access.admitsCustomer(scope, c.customerId())), page);
    }
}
