package io.crmkit.core.requirement;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.UUID;

/** A change to a customer need. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface RequirementEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.REQUIREMENT;
    }

    @Override
    default UUID recordId() {
        return requirementId().value();
    }

    RequirementId requirementId();

    /** A need was recorded. */
    record Created(RequirementId requirementId, CustomerId customerId, Instant at, UserRef actor) implements RequirementEvent {
    }

    /** A need moved through its workflow. */
    record Transitioned(RequirementId requirementId, RequirementStatus from, RequirementStatus to, Instant at, UserRef actor) implements RequirementEvent {
    }
}
