package io.crmkit.core.messaging;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.UUID;

/** A message to a customer. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface MessageEvent extends DomainEvent {
    MessageId messageId();

    @Override
    default RecordKind recordKind() {
        return RecordKind.MESSAGE;
    }

    @Override
    default UUID recordId() {
        return messageId().value();
    }

    CustomerId customerId();

    /** A message was queued, refused, sent, delivered, failed or dead-lettered. */
    record StatusChanged(MessageId messageId, CustomerId customerId, ChannelKind kind, DeliveryStatus status, Instant at, UserRef actor) implements MessageEvent {
    }
}
