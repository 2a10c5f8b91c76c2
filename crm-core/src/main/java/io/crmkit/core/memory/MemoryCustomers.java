package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import java.util.Locale;
import java.util.Optional;

record MemoryCustomers(Table<Customer> table, MemoryAccess access) implements CustomerRepository {
    private static final Keyset<Customer, Cursor.IdKey> PAGES = Keyset.byId(c -> c.id().value());

    @Override
    public void insert(Customer customer) {
        table.insert(customer.id().value(), customer);
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return table.get(id.value());
    }

    @Override
    public void update(Customer customer) {
        table.replace(customer.id().value(), customer, Customer::version, "customer");
    }

    @Override
    public Page<Customer> search(CustomerQuery q, AccessScope scope, PageRequest page) {
        return PAGES.page(table.all().filter(c -> matches(q, c) && access.admits(scope, c)), page);
    }

    @Override
    public void forEach(CustomerQuery q, AccessScope scope, java.util.function.Consumer<? super Customer> sink) {
        table.all().filter(c -> matches(q, c) && access.admits(scope, c)).forEach(sink);
    }

    static boolean matches(CustomerQuery q, Customer c) {
        String name = c.displayName().toLowerCase(Locale.ROOT);
        return (q.includeArchived() || !c.isArchived())
                && q.namePrefix().map(p -> name.startsWith(p.toLowerCase(Locale.ROOT))).orElse(true)
                && q.nameContains().map(p -> name.contains(p.toLowerCase(Locale.ROOT))).orElse(true)
                && q.email().map(e -> c.emails().stream().anyMatch(x -> x.value().equalsIgnoreCase(e.value()))).orElse(true)
                && q.phone().map(p -> c.phones().stream().anyMatch(x -> x.value().equals(p))).orElse(true)
                && q.tag().map(c.tags()::contains).orElse(true)
                && q.stage().map(s -> s == c.stage()).orElse(true)
                && q.owner().map(o -> c.owner().map(o::equals).orElse(false)).orElse(true)
                && q.department().map(d -> c.department().map(d::equals).orElse(false)).orElse(true)
                && q.externalRef().map(c.externalRefs()::contains).orElse(true)
                && q.organizationId().map(o -> c.organizationId().map(o::equals).orElse(false)).orElse(true);
    }

    @Override
    public Optional<Customer> findByExternalRef(ExternalRef ref) {
        return table.byUniqueKey(ref);
    }
}
