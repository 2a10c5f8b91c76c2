package io.crmkit.core.interaction;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.UUID;

/** An entry on a customer's timeline. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface InteractionEvent extends DomainEvent {
    InteractionId interactionId();

    @Override
    default RecordKind recordKind() {
        return RecordKind.INTERACTION;
    }

    @Override
    default UUID recordId() {
        return interactionId().value();
    }

    CustomerId customerId();

    /** A call, visit, email, message or meeting was logged. */
    record Logged(InteractionId interactionId, CustomerId customerId, InteractionChannel channel, Instant at, UserRef actor) implements InteractionEvent {
    }
}
