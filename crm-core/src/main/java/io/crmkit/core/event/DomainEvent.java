package io.crmkit.core.event;

import io.crmkit.core.commerce.PurchaseEvent;
import io.crmkit.core.customer.CustomerEvent;
import io.crmkit.core.document.DocumentEvent;
import io.crmkit.core.dedup.MergeEvent;
import io.crmkit.core.interaction.InteractionEvent;
import io.crmkit.core.marketing.CampaignEvent;
import io.crmkit.core.messaging.MessageEvent;
import io.crmkit.core.notification.NotificationEvent;
import io.crmkit.core.project.ProjectEvent;
import io.crmkit.core.requirement.RequirementEvent;
import io.crmkit.core.sales.OpportunityEvent;
import io.crmkit.core.satisfaction.SurveyEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceCaseEvent;
import io.crmkit.core.task.TaskEvent;
import io.crmkit.core.webhook.WebhookEvent;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Something that happened in the CRM. Every event says when and which actor caused it. Sealed, with one
 * sealed branch per feature in the feature's package ({@link CustomerEvent}, {@link TaskEvent}, ...), so a
 * listener can switch exhaustively over a feature's events:
 *
 * <pre>{@code
 * if (event instanceof TaskEvent task) {
 *     switch (task) {
 *         case TaskEvent.Created c -> ...
 *         case TaskEvent.Assigned a -> notify(a.assignee());
 *         case TaskEvent.Transitioned t -> ...
 *         case TaskEvent.Commented c -> ...
 *     }
 * }
 * }</pre>
 */
public sealed interface DomainEvent permits CustomerEvent, InteractionEvent, RequirementEvent, TaskEvent, SurveyEvent,
        PurchaseEvent, MessageEvent,
        ServiceCaseEvent, OpportunityEvent, CampaignEvent, DocumentEvent, MergeEvent, NotificationEvent, ProjectEvent,
        io.crmkit.core.policy.PolicyEvent, WebhookEvent {
    Instant at();

    /** Who caused it: a host user, or the system. */
    UserRef actor();

    /**
     * The kind of the record it is about. Events carry ids, never field values; a host that passes them on
     * to its users asks first: {@code crm.as(user).access().can(Action.READ, e.recordKind(), e.recordId())}.
     */
    RecordKind recordKind();

    /** The id of the record it is about. */
    UUID recordId();

    /** The record's version after the change, for the events that carry one; empty for the others. */
    default OptionalLong recordVersion() {
        return OptionalLong.empty();
    }
}
