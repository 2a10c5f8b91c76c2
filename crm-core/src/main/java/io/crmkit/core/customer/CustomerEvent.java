package io.crmkit.core.customer;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/** A change to a customer record. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface CustomerEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.CUSTOMER;
    }

    @Override
    default UUID recordId() {
        return customerId().value();
    }

    CustomerId customerId();

    /** A customer was created. */
    record Created(CustomerId customerId, Instant at, UserRef actor) implements CustomerEvent {
    }

    /** A customer was edited, its consent changed, or it was merged into; {@code version} is the new one. */
    record Updated(CustomerId customerId, long version, Instant at, UserRef actor) implements CustomerEvent {
        @Override
        public OptionalLong recordVersion() {
            return OptionalLong.of(version);
        }

    }

    /** A customer was archived. */
    record Archived(CustomerId customerId, Instant at, UserRef actor) implements CustomerEvent {
    }
}
