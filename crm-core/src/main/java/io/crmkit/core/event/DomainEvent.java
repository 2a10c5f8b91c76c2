package io.crmkit.core.event;

import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.TaskId;
import io.crmkit.core.task.TaskStatus;
import java.time.Instant;

/** Something that happened in the CRM. Every event says when and which actor caused it. */
public sealed interface DomainEvent {
    Instant at();

    String actorId();

    record CustomerCreated(CustomerId customerId, Instant at, String actorId) implements DomainEvent {
    }

    record CustomerUpdated(CustomerId customerId, long version, Instant at, String actorId) implements DomainEvent {
    }

    record CustomerArchived(CustomerId customerId, Instant at, String actorId) implements DomainEvent {
    }

    record InteractionLogged(InteractionId interactionId, CustomerId customerId, InteractionChannel channel,
                             Instant at, String actorId) implements DomainEvent {
    }

    record RequirementCreated(RequirementId requirementId, CustomerId customerId, Instant at, String actorId)
            implements DomainEvent {
    }

    record RequirementTransitioned(RequirementId requirementId, RequirementStatus from, RequirementStatus to,
                                   Instant at, String actorId) implements DomainEvent {
    }

    record TaskCreated(TaskId taskId, Instant at, String actorId) implements DomainEvent {
    }

    record TaskAssigned(TaskId taskId, Assignee assignee, Instant at, String actorId) implements DomainEvent {
    }

    record TaskStatusChanged(TaskId taskId, TaskStatus from, TaskStatus to, Instant at, String actorId)
            implements DomainEvent {
    }

    record SurveyResponseRecorded(SurveyResponseId responseId, CustomerId customerId, SurveyKind kind, int score,
                                  Instant at, String actorId) implements DomainEvent {
    }

    record PurchaseRecorded(PurchaseId purchaseId, CustomerId customerId, Instant at, String actorId)
            implements DomainEvent {
    }

    /** A message was queued, refused, sent, delivered, failed or dead-lettered. */
    record MessageStatusChanged(MessageId messageId, CustomerId customerId, ChannelKind kind, DeliveryStatus status,
                                Instant at, String actorId) implements DomainEvent {
    }
}
