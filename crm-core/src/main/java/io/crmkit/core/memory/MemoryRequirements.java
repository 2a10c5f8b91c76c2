package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.requirement.RequirementRepository;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

record MemoryRequirements(Table<Requirement> table, MemoryAccess access) implements RequirementRepository {
    private static final Keyset<Requirement, Cursor.IdKey> BY_ID = Keyset.byId(r -> r.id().value());
    private static final Keyset<Requirement, Cursor.DateKey> BY_DUE =
            Keyset.byDate(r -> r.dueDate().orElse(null), r -> r.id().value());

    @Override
    public void insert(Requirement requirement) {
        table.insert(requirement.id().value(), requirement);
    }

    @Override
    public Optional<Requirement> findById(RequirementId id) {
        return table.get(id.value());
    }

    @Override
    public void update(Requirement requirement) {
        table.replace(requirement.id().value(), requirement, Requirement::version, "requirement");
    }

    @Override
    public Page<Requirement> openByAssignee(UserRef assignee, AccessScope scope, PageRequest page) {
        return BY_ID.page(table.all().filter(r -> r.status().isOpen()
                && r.assignee().map(assignee::equals).orElse(false) && access.admitsCustomer(scope, r.customerId())), page);
    }

    @Override
    public Page<Requirement> overdue(LocalDate today, AccessScope scope, PageRequest page) {
        return BY_DUE.page(table.all().filter(r -> r.isOverdue(today) && access.admitsCustomer(scope, r.customerId())), page);
    }

    @Override
    public Page<Requirement> byCustomer(CustomerId customer, PageRequest page) {
        return BY_ID.page(table.all().filter(r -> r.customerId().equals(customer)), page);
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
