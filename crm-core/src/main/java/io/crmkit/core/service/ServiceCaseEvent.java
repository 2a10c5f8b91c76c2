package io.crmkit.core.service;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import java.time.Instant;
import java.util.OptionalLong;
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
        @Override
        public OptionalLong recordVersion() {
            return OptionalLong.of(version);
        }

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

    /**
     * A service-level clock of the case used its policy's warning share of the target; published once per case and
     * metric (per reply cycle for {@link SlaMetric#NEXT_RESPONSE}). The actor is the system.
     *
     * @param policy the policy's name
     * @param due    when the target runs out if nothing changes
     */
    record SlaWarning(ServiceCaseId caseId, SlaMetric metric, String policy, Instant due, Instant at, UserRef actor)
            implements ServiceCaseEvent {
    }

    /**
     * A service-level target of the case was missed; published once per case and metric (per reply cycle for
     * {@link SlaMetric#NEXT_RESPONSE}), before the escalation's own events. The actor is the system.
     *
     * @param policy the policy's name
     * @param due    when the target ran out
     */
    record SlaBreached(ServiceCaseId caseId, SlaMetric metric, String policy, Instant due, Instant at, UserRef actor)
            implements ServiceCaseEvent {
    }
}
