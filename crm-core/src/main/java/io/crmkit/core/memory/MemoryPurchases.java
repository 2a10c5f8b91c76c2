package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.commerce.PurchaseRepository;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

record MemoryPurchases(Table<Purchase> table, MemoryAccess access) implements PurchaseRepository {
    private static final Keyset<Purchase, Cursor.IdKey> BY_ID = Keyset.byId(p -> p.id().value());

    @Override
    public void insert(Purchase purchase) {
        table.insert(purchase.id().value(), purchase);
    }

    @Override
    public Optional<Purchase> findById(PurchaseId id) {
        return table.get(id.value());
    }

    @Override
    public Optional<Purchase> findByExternalId(String externalId) {
        return table.byUniqueKey(externalId);
    }

    @Override
    public Page<Purchase> search(PurchaseQuery query, AccessScope scope, PageRequest page) {
        return BY_ID.page(table.all().filter(p -> query.matches(p) && access.admitsCustomer(scope, p.customerId())), page);
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
