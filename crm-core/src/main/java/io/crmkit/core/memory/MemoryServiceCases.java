package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.spi.Cursor;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

record MemoryServiceCases(Table<ServiceCase> table, MemoryAccess access) implements ServiceCaseRepository {
    private static final Keyset<ServiceCase, Cursor.IdKey> BY_ID = Keyset.byId(c -> c.id().value());
    private static final Keyset<ServiceCase, Cursor.TimeKey> BY_DUE =
            Keyset.earliestFirst(c -> c.sla().dueAt().orElseThrow(), c -> c.id().value());
    private static final Keyset<ServiceCase, Cursor.TimeKey> BY_BREACH =
            Keyset.earliestFirst(c -> c.sla().breachedAt().orElseThrow(), c -> c.id().value());

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

    @Override
    public long count(ServiceCaseQuery query, AccessScope scope) {
        return table.all().filter(c -> query.matches(c) && access.admitsCustomer(scope, c.customerId())).count();
    }

    @Override
    public Page<ServiceCase> dueBefore(Instant instant, AccessScope scope, PageRequest page) {
        return BY_DUE.page(table.all().filter(c -> c.sla().dueAt().map(d -> d.isBefore(instant)).orElse(false)
                && access.admitsCustomer(scope, c.customerId())), page);
    }

    @Override
    public Page<ServiceCase> breachedBetween(Instant from, Instant to, AccessScope scope, PageRequest page) {
        return BY_BREACH.page(table.all().filter(c -> c.sla().breachedAt().map(b -> !b.isBefore(from) && b.isBefore(to))
                .orElse(false) && access.admitsCustomer(scope, c.customerId())), page);
    }

    @Override
    public List<ServiceCase> slaCheckDue(Instant now, Optional<CheckPosition> after, int limit) {
        return table.all().filter(c -> c.sla().checkAt().map(t -> !t.isAfter(now)).orElse(false))
                .filter(c -> after.map(a -> {
                    int byTime = c.sla().checkAt().orElseThrow().compareTo(a.checkAt());
                    return byTime > 0 || (byTime == 0 && c.id().value().compareTo(a.id().value()) > 0);
                }).orElse(true))
                .sorted(Comparator.comparing((ServiceCase c) -> c.sla().checkAt().orElseThrow()).thenComparing(c -> c.id().value()))
                .limit(limit).toList();
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return table.replaceWhere(r -> r.customerId().equals(from), r -> r.withCustomer(to), null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return table.replaceWhere(r -> r.customerId().equals(from), r -> r.withCustomer(to), ids);
    }
}
