package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.dedup.Merge;
import io.crmkit.core.dedup.MergeId;
import io.crmkit.core.dedup.MergeRepository;
import io.crmkit.core.spi.Cursor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

record MemoryMerges(Table<Merge> table) implements MergeRepository {
    private static final Keyset<Merge, Cursor.IdKey> BY_ID = Keyset.byId(m -> m.id().value());

    /** Every customer of a merge finds it. */
    static Collection<?> lookupKeys(Merge merge) {
        List<CustomerId> ids = new ArrayList<>(merge.loserIds());
        ids.add(merge.winner());
        return ids;
    }

    @Override
    public void insert(Merge merge) {
        table.insert(merge.id().value(), merge);
    }

    @Override
    public Optional<Merge> findById(MergeId id) {
        return table.get(id.value());
    }

    @Override
    public void markUndone(Merge merge) {
        table.put(merge.id().value(), merge);
    }

    @Override
    public Page<Merge> byCustomer(CustomerId customer, PageRequest page) {
        return BY_ID.page(table.byLookupKey(customer), page);
    }
}
