package io.crmkit.core.commerce;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.UUID;

/** A purchase. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface PurchaseEvent extends DomainEvent {
    PurchaseId purchaseId();

    @Override
    default RecordKind recordKind() {
        return RecordKind.PURCHASE;
    }

    @Override
    default UUID recordId() {
        return purchaseId().value();
    }

    CustomerId customerId();

    /** A purchase was recorded. */
    record Recorded(PurchaseId purchaseId, CustomerId customerId, Instant at, UserRef actor) implements PurchaseEvent {
    }
}
