package io.crmkit.core.interaction;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.security.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One contact with a customer, as logged. Start one with a factory such as
 * {@code Interaction.call(Direction.OUTBOUND).subject("回访")} and log it with
 * {@code crm.interactions().log(customerId, ...)}.
 *
 * @param author     the host user who logged it
 * @param recordedAt        when it was logged; {@code occurredAt} is when it happened
 * @param deliveryStatus    for messages sent through {@code crm.messaging()}: where delivery stands
 * @param providerMessageId for sent messages: the provider's id (SMTP Message-ID, gateway SID)
 */
public record Interaction(
        InteractionId id,
        CustomerId customerId,
        InteractionChannel channel,
        Direction direction,
        Optional<String> subject,
        Optional<String> notes,
        Instant occurredAt,
        Optional<Duration> duration,
        UserRef author,
        Optional<String> outcome,
        List<RecordLink> links,
        Instant recordedAt,
        Optional<DeliveryStatus> deliveryStatus,
        Optional<String> providerMessageId) {
    /** Longest subject, in characters (code points). */
    public static final int MAX_SUBJECT = 200;
    /** Longest notes, in characters; message bodies logged as notes are cut to it. */
    public static final int MAX_NOTES = 100_000;
    /** Longest outcome, in characters. */
    public static final int MAX_OUTCOME = 200;
    /** Longest duration of one interaction. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);


    public Interaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(outcome, "outcome");
        links = List.copyOf(links);
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(deliveryStatus, "deliveryStatus");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
    }

    /** An interaction that is not an outbound message: no delivery status. */
    public Interaction(InteractionId id, CustomerId customerId, InteractionChannel channel, Direction direction,
                       Optional<String> subject, Optional<String> notes, Instant occurredAt, Optional<Duration> duration,
                       UserRef author, Optional<String> outcome, List<RecordLink> links, Instant recordedAt) {
        this(id, customerId, channel, direction, subject, notes, occurredAt, duration, author, outcome, links,
                recordedAt, Optional.empty(), Optional.empty());
    }

    /** The same interaction with a new delivery status and, when known, the provider's message id. */
    public Interaction withDelivery(DeliveryStatus status, Optional<String> providerMessageId) {
        return new Interaction(id, customerId, channel, direction, subject, notes, occurredAt, duration, author,
                outcome, links, recordedAt, Optional.of(status), providerMessageId.or(() -> this.providerMessageId));
    }

    /** The same record belonging to another customer: a merge's change (and an unmerge's). */
    public Interaction withCustomer(CustomerId to) {
        return new Interaction(id, to, channel, direction, subject, notes, occurredAt, duration, author,
                outcome, links, recordedAt, deliveryStatus, providerMessageId);
    }

    public static NewInteraction of(InteractionChannel channel, Direction direction) {
        return new NewInteraction(channel, direction);
    }

    public static NewInteraction call(Direction direction) {
        return of(InteractionChannel.CALL, direction);
    }

    /** A visit: ours to the customer, or the customer's to us (inbound). */
    public static NewInteraction visit(Direction direction) {
        return of(InteractionChannel.VISIT, direction);
    }

    public static NewInteraction email(Direction direction) {
        return of(InteractionChannel.EMAIL, direction);
    }

    public static NewInteraction sms(Direction direction) {
        return of(InteractionChannel.SMS, direction);
    }

    public static NewInteraction meeting() {
        return of(InteractionChannel.MEETING, Direction.OUTBOUND);
    }

    public static NewInteraction chat(Direction direction) {
        return of(InteractionChannel.CHAT, direction);
    }
}
