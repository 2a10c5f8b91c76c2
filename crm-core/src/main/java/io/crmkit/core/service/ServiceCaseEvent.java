package io.crmkit.core.service;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import java.time.Instant;
import java.util.UUID;

/** A change to a service case. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface ServiceCaseEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.SERVICE_CASE;
    }

    @Override
    default UUID recordId() {
        return caseId().value();
    }

    ServiceCaseId caseId();

    /** A case was opened. */
    record Created(ServiceCaseId caseId, CustomerId customerId, Instant at, UserRef actor) implements ServiceCaseEvent {
    }

    /** Subject, description, type, priority or parent changed; {@code version} is the new one. */
    record Updated(ServiceCaseId caseId, long version, Instant at, UserRef actor) implements ServiceCaseEvent {
    }

    /** A case was handed to a user or department. */
    record Assigned(ServiceCaseId caseId, Assignee assignee, Instant at, UserRef actor) implements ServiceCaseEvent {
    }

    /** A case moved through its workflow. */
    record StatusChanged(ServiceCaseId caseId, ServiceCaseStatus from, ServiceCaseStatus to, Instant at, UserRef actor)
            implements ServiceCaseEvent {
    }

    /**
     * A case was linked to a record of its customer.
     *
     * @param kind     {@link RecordKind#INTERACTION} or {@link RecordKind#REQUIREMENT}
     * @param linkedId the linked record's id
     */
    record Linked(ServiceCaseId caseId, RecordKind kind, UUID linkedId, Instant at, UserRef actor) implements ServiceCaseEvent {
    }
}
