package io.crmkit.core.messaging;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.interaction.DeliveryStatus;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Sends email, SMS and voice calls to customers. From {@code crm.messaging()}; thread-safe.
 *
 * <p>{@link #send} checks the request, the customer's consent, the line (no SMS to a fixed line) and quiet
 * hours, then writes the timeline entry and the outbox entry in one transaction. A dispatcher sends from the outbox: in the background
 * when the CRM was built with {@code MessagingSettings.builder().backgroundDispatch(...)}, or when the host calls
 * {@link #dispatchPending()}. Transient failures are retried with exponential backoff and jitter up to
 * a limit, then dead-lettered; permanent failures are not retried.
 */
public interface MessagingService {
    /**
     * Queues a message, or refuses it with a recorded reason: the customer is archived or opted out of the
     * channel, or an SMS would go to a fixed line ({@link io.crmkit.core.customer.PhoneNumber.Kind#FIXED_LINE}).
     *
     * @throws io.crmkit.core.ValidationException listing invalid fields: a missing address, a template
     *                                            variable without a value, no channel registered for the kind
     * @throws io.crmkit.core.NotFoundException   if the customer does not exist
     */
    MessageResult send(MessageRequest request);

    Optional<OutboxMessage> get(MessageId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default OutboxMessage require(MessageId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no message " + id));
    }

    /**
     * Sends every message that is due now, on the calling thread, and returns how many were attempted.
     * Safe to call from several threads and several JVMs on one database.
     */
    int dispatchPending();

    /** Dead-lettered messages, for people to look at. */
    Page<OutboxMessage> dead(PageRequest page);

    /** Messages in any status, in id order. */
    Page<OutboxMessage> withStatus(DeliveryStatus status, PageRequest page);

    /** Queues a dead message again, with its attempts reset. */
    OutboxMessage retry(MessageId id);

    /**
     * Feeds in a provider's delivery report (a webhook call, a polled status): DELIVERED or FAILED for
     * the message the provider knows as {@code providerMessageId}. Unknown ids are ignored.
     *
     * @return the updated message, or empty if no message has that provider id
     */
    Optional<OutboxMessage> reportDelivery(String providerMessageId, DeliveryStatus status, @Nullable String detail);
}
