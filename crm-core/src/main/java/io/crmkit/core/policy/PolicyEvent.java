package io.crmkit.core.policy;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.OptionalLong;
import java.util.UUID;

/** A change to a communication policy, or one of its runs. One branch of the sealed {@link DomainEvent}. */
public sealed interface PolicyEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.POLICY;
    }

    @Override
    default UUID recordId() {
        return policyId().value();
    }

    PolicyId policyId();

    /** A policy was created. */
    record Created(PolicyId policyId, Instant at, UserRef actor) implements PolicyEvent {
    }

    /** Its fields changed. */
    record Updated(PolicyId policyId, long version, Instant at, UserRef actor) implements PolicyEvent {
        @Override
        public OptionalLong recordVersion() {
            return OptionalLong.of(version);
        }
    }

    /** It contacted a customer for a due date: a task or a message, recorded on the timeline. */
    record Contacted(PolicyId policyId, io.crmkit.core.customer.CustomerId customerId, LocalDate dueDate,
                     ContactOutcome outcome, Instant at, UserRef actor) implements PolicyEvent {
    }
}
