package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

record MemorySurveys(Table<SurveyResponse> table, MemoryAccess access) implements SurveyRepository {
    private static final Keyset<SurveyResponse, Cursor.IdKey> BY_ID = Keyset.byId(r -> r.id().value());

    @Override
    public void insert(SurveyResponse response) {
        table.insert(response.id().value(), response);
    }

    @Override
    public Optional<SurveyResponse> findById(SurveyResponseId id) {
        return table.get(id.value());
    }

    @Override
    public Page<SurveyResponse> search(SurveyQuery query, AccessScope scope, PageRequest page) {
        return BY_ID.page(table.all().filter(r -> query.matches(r) && access.admitsCustomer(scope, r.customerId())), page);
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
