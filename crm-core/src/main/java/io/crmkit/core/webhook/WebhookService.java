package io.crmkit.core.webhook;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.event.EventSink;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Webhooks ({@code crm.webhooks()}): the host's endpoints, the delivery of events to them, the delivery log and
 * replays. Managing endpoints, reading the log and replaying need the system actor or a policy granting
 * {@link io.crmkit.core.security.AccessLevel#ALL} on {@link io.crmkit.core.security.RecordKind#WEBHOOK_ENDPOINT} for
 * the action (READ to read, CREATE to register, EDIT to change and replay); others get an
 * {@link io.crmkit.core.AccessDeniedException}. An endpoint receives every event its types select, whoever caused
 * it: events are thin (ids, version, changed field names), and only administrators register endpoints.
 *
 * <p>Events reach the deliveries through the event outbox: relay it to {@link #sink()}, which writes one delivery
 * per event and matching endpoint in one transaction; the dispatcher then sends them (in the background when
 * {@link WebhookSettings#background()} is set, or with {@link #deliverPending()}), so a slow or dead endpoint never
 * holds the relay up. A host relaying its outbox to a broker too hands each batch to both sinks in one.
 */
public interface WebhookService {
    /**
     * Registers an endpoint, enabled, with the given secret or a new one.
     *
     * @throws io.crmkit.core.ValidationException on {@code url} (malformed, not https, refused by the
     *                                            {@link AddressGuard}), {@code eventTypes} or {@code description}
     */
    WebhookEndpoint register(NewWebhookEndpoint endpoint);

    Optional<WebhookEndpoint> get(WebhookEndpointId id);

    default WebhookEndpoint require(WebhookEndpointId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no webhook endpoint " + id));
    }

    /** Every endpoint, in registration order. */
    Page<WebhookEndpoint> list(PageRequest page);

    /** Moves an endpoint to another URL, checked as on registration. */
    WebhookEndpoint changeUrl(WebhookEndpointId id, String url);

    /** Changes which event types an endpoint receives (empty: every event). */
    WebhookEndpoint changeEventTypes(WebhookEndpointId id, Set<String> eventTypes);

    /**
     * Signs with a new random secret from now on, and with the current one too for {@link WebhookSettings#secretGrace()},
     * so that receivers can switch without losing a delivery. Returns the endpoint holding the new secret.
     */
    WebhookEndpoint rotateSecret(WebhookEndpointId id);

    /** As {@link #rotateSecret(WebhookEndpointId)}, to a secret the receiver already has. */
    WebhookEndpoint rotateSecret(WebhookEndpointId id, WebhookSecret next);

    /** Stops deliveries to an endpoint; its pending ones fail when they come due. */
    WebhookEndpoint disable(WebhookEndpointId id, String reason);

    /** Delivers to a disabled endpoint again, its failures forgotten (replay what it missed). */
    WebhookEndpoint enable(WebhookEndpointId id);

    /** An endpoint's deliveries, oldest first. */
    Page<WebhookDelivery> deliveries(WebhookEndpointId id, PageRequest page);

    /** An event's deliveries to every endpoint, oldest first. */
    Page<WebhookDelivery> deliveriesOfEvent(UUID eventId, PageRequest page);

    /** The delivery log of an endpoint: every attempt, oldest first. */
    Page<WebhookAttempt> attempts(WebhookEndpointId id, PageRequest page);

    /** The delivery log of an event: every attempt to every endpoint, oldest first. */
    Page<WebhookAttempt> attemptsOfEvent(UUID eventId, PageRequest page);

    /**
     * Delivers an event to an endpoint again, as a new delivery with the same {@code webhook-id}, whatever became of
     * the earlier ones (the endpoint need not have received it before, but some endpoint must have: the event is
     * read from its deliveries).
     *
     * @throws NotFoundException                  if the endpoint is missing, or no delivery holds the event
     * @throws io.crmkit.core.ValidationException on {@code endpoint} if it is disabled
     */
    WebhookDelivery replay(WebhookEndpointId id, UUID eventId);

    /**
     * Delivers again, to an endpoint, every event it was sent (by fan-out) that occurred from {@code from} until
     * before {@code to}: after an outage the receiver could not recover from by itself. Returns how many.
     *
     * @throws io.crmkit.core.ValidationException on {@code to} if it is not after {@code from}, or on {@code endpoint}
     *                                            if it is disabled
     */
    int replay(WebhookEndpointId id, Instant from, Instant to);

    /** The sink to relay the event outbox to: {@code crm.events().relay(crm.webhooks().sink(), settings)}. */
    EventSink sink();

    /** Attempts every due delivery now, on the caller's thread; returns how many attempts were made. */
    int deliverPending();
}
