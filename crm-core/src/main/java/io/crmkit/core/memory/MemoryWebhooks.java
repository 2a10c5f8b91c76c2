package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.webhook.WebhookAttempt;
import io.crmkit.core.webhook.WebhookDelivery;
import io.crmkit.core.webhook.WebhookDeliveryStatus;
import io.crmkit.core.webhook.WebhookEndpoint;
import io.crmkit.core.webhook.WebhookEndpointId;
import io.crmkit.core.webhook.WebhookRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Webhook endpoints in one table; deliveries in another, looked up by endpoint and by event, the pending ones
 * indexed for claims; attempts in a third, looked up by endpoint and by event.
 */
record MemoryWebhooks(Table<WebhookEndpoint> endpointTable, Table<WebhookDelivery> deliveryTable,
                      Table<WebhookAttempt> attemptTable) implements WebhookRepository {
    private static final Keyset<WebhookEndpoint, Cursor.IdKey> ENDPOINTS = Keyset.byId(e -> e.id().value());
    private static final Keyset<WebhookDelivery, Cursor.IdKey> DELIVERIES = Keyset.byId(WebhookDelivery::id);
    private static final Keyset<WebhookAttempt, Cursor.IdKey> ATTEMPTS = Keyset.byId(WebhookAttempt::id);

    /** The lookup key of an event's rows (apart from the endpoint ids, which have a type of their own). */
    private record EventKey(UUID id) {
    }

    static MemoryWebhooks create(Deque<Runnable> undo, ReentrantReadWriteLock lock) {
        return new MemoryWebhooks(new Table<>(undo, lock),
                new Table<>(undo, lock, d -> List.of(), d -> List.of(d.endpointId(), new EventKey(d.event().id())),
                        d -> d.status() == WebhookDeliveryStatus.PENDING),
                new Table<>(undo, lock, a -> List.of(), a -> List.of(a.endpointId(), new EventKey(a.eventId())),
                        a -> false));
    }

    void clear() {
        endpointTable.clear();
        deliveryTable.clear();
        attemptTable.clear();
    }

    @Override
    public void insertEndpoint(WebhookEndpoint endpoint) {
        endpointTable.insert(endpoint.id().value(), endpoint);
    }

    @Override
    public void updateEndpoint(WebhookEndpoint endpoint) {
        endpointTable.replace(endpoint.id().value(), endpoint, WebhookEndpoint::version, "webhook endpoint");
    }

    @Override
    public Optional<WebhookEndpoint> findEndpoint(WebhookEndpointId id) {
        return endpointTable.get(id.value());
    }

    @Override
    public Page<WebhookEndpoint> endpoints(PageRequest page) {
        return ENDPOINTS.page(endpointTable.all(), page);
    }

    @Override
    public List<WebhookEndpoint> enabledEndpoints() {
        return endpointTable.all().filter(WebhookEndpoint::isEnabled)
                .sorted(Comparator.comparing(e -> e.id().value())).toList();
    }

    @Override
    public void insertDeliveries(List<WebhookDelivery> deliveries) {
        for (WebhookDelivery d : deliveries) {
            endpointTable.get(d.endpointId().value()).orElseThrow(() -> new io.crmkit.core.NotFoundException(
                    "webhook endpoint " + d.endpointId() + " does not exist"));
            deliveryTable.insert(d.id(), d);
        }
    }

    @Override
    public void updateDelivery(WebhookDelivery delivery) {
        deliveryTable.replace(delivery.id(), delivery, WebhookDelivery::version, "webhook delivery");
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(UUID id) {
        return deliveryTable.get(id);
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, int limit, Instant leaseUntil) {
        List<WebhookDelivery> due = deliveryTable.active()
                .filter(d -> !d.nextAttemptAt().isAfter(now) && d.leaseUntil().map(l -> !l.isAfter(now)).orElse(true))
                .sorted(Comparator.comparing(WebhookDelivery::nextAttemptAt).thenComparing(WebhookDelivery::id))
                .limit(limit)
                .toList();
        return due.stream().map(d -> {
            WebhookDelivery leased = d.leased(leaseUntil, now);
            updateDelivery(leased);
            return leased;
        }).toList();
    }

    @Override
    public Set<UUID> fannedOut(Collection<UUID> eventIds) {
        Set<UUID> done = new HashSet<>();
        for (UUID id : eventIds) {
            if (deliveryTable.byLookupKey(new EventKey(id)).anyMatch(d -> !d.replay())) {
                done.add(id);
            }
        }
        return done;
    }

    @Override
    public Page<WebhookDelivery> deliveries(WebhookEndpointId endpoint, PageRequest page) {
        return DELIVERIES.page(deliveryTable.byLookupKey(endpoint), page);
    }

    @Override
    public Page<WebhookDelivery> deliveriesOfEvent(UUID eventId, PageRequest page) {
        return DELIVERIES.page(deliveryTable.byLookupKey(new EventKey(eventId)), page);
    }

    @Override
    public Page<WebhookDelivery> fannedOutBetween(WebhookEndpointId endpoint, Instant from, Instant to, PageRequest page) {
        return DELIVERIES.page(deliveryTable.byLookupKey(endpoint).filter(d -> !d.replay()
                && !d.event().occurredAt().isBefore(from) && d.event().occurredAt().isBefore(to)), page);
    }

    @Override
    public void insertAttempt(WebhookAttempt attempt) {
        attemptTable.insert(attempt.id(), attempt);
    }

    @Override
    public Page<WebhookAttempt> attempts(WebhookEndpointId endpoint, PageRequest page) {
        return ATTEMPTS.page(attemptTable.byLookupKey(endpoint), page);
    }

    @Override
    public Page<WebhookAttempt> attemptsOfEvent(UUID eventId, PageRequest page) {
        return ATTEMPTS.page(attemptTable.byLookupKey(new EventKey(eventId)), page);
    }
}
