package io.crmkit.core.webhook;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The storage port of webhooks: endpoints, the deliveries of events to them, and the log of attempts. Pages are in
 * id order (time order: ids are UUID version 7).
 */
public interface WebhookRepository {
    void insertEndpoint(WebhookEndpoint endpoint);

    /**
     * Stores a changed endpoint whose version is one more than the stored one.
     *
     * @throws io.crmkit.core.ConflictException if the stored version is another
     * @throws NotFoundException                if there is none
     */
    void updateEndpoint(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> findEndpoint(WebhookEndpointId id);

    default WebhookEndpoint requireEndpoint(WebhookEndpointId id) {
        return findEndpoint(id).orElseThrow(() -> new NotFoundException("no webhook endpoint " + id));
    }

    /** Every endpoint, in id order. */
    Page<WebhookEndpoint> endpoints(PageRequest page);

    /** The enabled endpoints, which an event fans out to (hosts have a handful). */
    List<WebhookEndpoint> enabledEndpoints();

    void insertDeliveries(List<WebhookDelivery> deliveries);

    /** As {@link #updateEndpoint}, for a delivery. */
    void updateDelivery(WebhookDelivery delivery);

    Optional<WebhookDelivery> findDelivery(UUID id);

    /**
     * Leases up to {@code limit} pending deliveries due at {@code now} whose lease ran out, until {@code leaseUntil},
     * earliest due first; skips those another unit of work is claiming at the same moment.
     */
    List<WebhookDelivery> claimDue(Instant now, int limit, Instant leaseUntil);

    /** Which of these events already have a delivery of their fan-out (not a replay): a relay handed them before. */
    Set<UUID> fannedOut(Collection<UUID> eventIds);

    /** An endpoint's deliveries. */
    Page<WebhookDelivery> deliveries(WebhookEndpointId endpoint, PageRequest page);

    /** An event's deliveries, to every endpoint. */
    Page<WebhookDelivery> deliveriesOfEvent(UUID eventId, PageRequest page);

    /** An endpoint's deliveries from fan-outs (not replays) of events that occurred from {@code from} until before {@code to}. */
    Page<WebhookDelivery> fannedOutBetween(WebhookEndpointId endpoint, Instant from, Instant to, PageRequest page);

    void insertAttempt(WebhookAttempt attempt);

    /** An endpoint's attempts. */
    Page<WebhookAttempt> attempts(WebhookEndpointId endpoint, PageRequest page);

    /** An event's attempts, to every endpoint. */
    Page<WebhookAttempt> attemptsOfEvent(UUID eventId, PageRequest page);
}
