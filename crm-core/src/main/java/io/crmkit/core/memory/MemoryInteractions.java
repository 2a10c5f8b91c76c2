package io.crmkit.core.memory;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.interaction.InteractionRepository;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.spi.Cursor;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

record MemoryInteractions(Table<Interaction> table) implements InteractionRepository {
    private static final Keyset<Interaction, Cursor.TimeKey> TIMELINE =
            Keyset.newestFirst(Interaction::occurredAt, i -> i.id().value());

    @Override
    public void insert(Interaction interaction) {
        table.insert(interaction.id().value(), interaction);
    }

    @Override
    public Optional<Interaction> findById(InteractionId id) {
        return table.get(id.value());
    }

    @Override
    public void updateDelivery(InteractionId id, DeliveryStatus status, Optional<String> providerMessageId) {
        Interaction current = table.get(id.value()).orElseThrow(() -> new NotFoundException("no interaction " + id));
        table.put(id.value(), current.withDelivery(status, providerMessageId));
    }

    @Override
    public Page<Interaction> timeline(CustomerId customer, TimelineQuery query, PageRequest page) {
        return TIMELINE.page(table.all().filter(i -> i.customerId().equals(customer) && query.matches(i)), page);
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
