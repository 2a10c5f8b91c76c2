package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.messaging.OutboxRepository;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

record MemoryOutbox(Table<OutboxMessage> table, MemoryAccess access) implements OutboxRepository {
    private static final Keyset<OutboxMessage, Cursor.IdKey> BY_ID = Keyset.byId(m -> m.id().value());
    private static final Comparator<OutboxMessage> NEWEST =
            Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value());

    /** The unique key: the idempotency key. */
    static List<Object> uniqueKeys(OutboxMessage m) {
        return List.of(new IdempotencyKey(m.message().idempotencyKey()));
    }

    /** The lookup key: the provider id once known; two gateways may hand out the same one. */
    static List<Object> lookupKeys(OutboxMessage m) {
        return m.providerMessageId().<List<Object>>map(p -> List.of(new ProviderId(p))).orElse(List.of());
    }

    private record IdempotencyKey(String value) {
    }

    private record ProviderId(String value) {
    }

    @Override
    public void insert(OutboxMessage message) {
        table.insert(message.id().value(), message);
    }

    @Override
    public Optional<OutboxMessage> findById(MessageId id) {
        return table.get(id.value());
    }

    @Override
    public Optional<OutboxMessage> findByIdempotencyKey(String key) {
        return table.byUniqueKey(new IdempotencyKey(key));
    }

    @Override
    public Optional<OutboxMessage> findByProviderMessageId(String providerMessageId) {
        return table.byLookupKey(new ProviderId(providerMessageId)).max(NEWEST);
    }

    @Override
    public List<OutboxMessage> claimDue(Instant now, int limit, Instant leaseUntil) {
        List<OutboxMessage> due = table.active() // the queued messages only
                .filter(m -> m.status() == DeliveryStatus.QUEUED && !m.nextAttemptAt().isAfter(now)
                        && m.leaseUntil().map(l -> !l.isAfter(now)).orElse(true))
                .sorted(Comparator.comparing(OutboxMessage::nextAttemptAt).thenComparing(m -> m.id().value()))
                .limit(limit)
                .toList();
        return due.stream().map(m -> {
            OutboxMessage leased = m.leased(leaseUntil, now);
            table.replace(m.id().value(), leased, OutboxMessage::version, "message");
            return leased;
        }).toList();
    }

    @Override
    public void update(OutboxMessage message) {
        table.replace(message.id().value(), message, OutboxMessage::version, "message");
    }

    @Override
    public Page<OutboxMessage> byStatus(DeliveryStatus status, AccessScope scope, PageRequest page) {
        return BY_ID.page(table.all().filter(m -> m.status() == status && access.admitsCustomer(scope, m.customerId())), page);
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
