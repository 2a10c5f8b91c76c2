package io.crmkit.core.commerce;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.UserRef;
import java.time.Instant;

/** A purchase. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface PurchaseEvent extends DomainEvent {
    CustomerId customerId();

    /** A purchase was recorded. */
    record Recorded(PurchaseId purchaseId, CustomerId customerId, Instant at, UserRef actor) implements PurchaseEvent {
    }
}
