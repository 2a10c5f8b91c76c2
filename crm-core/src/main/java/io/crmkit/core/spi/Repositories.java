package io.crmkit.core.spi;

import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.commerce.PurchaseRepository;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.document.DocumentRepository;
import io.crmkit.core.dedup.MergeRepository;
import io.crmkit.core.interaction.InteractionRepository;
import io.crmkit.core.marketing.CampaignRepository;
import io.crmkit.core.messaging.OutboxRepository;
import io.crmkit.core.notification.NotificationRepository;
import io.crmkit.core.project.ProjectRepository;
import io.crmkit.core.requirement.RequirementRepository;
import io.crmkit.core.sales.OpportunityRepository;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.ShareRepository;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.task.TaskRepository;
import io.crmkit.core.webhook.WebhookRepository;
import java.util.EnumMap;
import java.util.Map;

/** The repositories of one unit of work; valid only inside it. */
public interface Repositories {
    CustomerRepository customers();

    InteractionRepository interactions();

    RequirementRepository requirements();

    TaskRepository tasks();

    SurveyRepository surveys();

    PurchaseRepository purchases();

    OutboxRepository outbox();

    ShareRepository shares();

    AuditRepository audit();

    ServiceCaseRepository serviceCases();
    OpportunityRepository opportunities();

    CampaignRepository campaigns();

    EventOutboxRepository events();
    DocumentRepository documents();
    /** The merge history of customers. */
    MergeRepository merges();

    /** Notices, their read state, delivery preferences and the push queue. */
    NotificationRepository notifications();

    /** Projects with their milestones and tasks. */
    ProjectRepository projects();
    /** Communication policies, their contacts and pause windows. */
    io.crmkit.core.policy.PolicyRepository policies();

    /** Webhook endpoints, deliveries and their log. */
    WebhookRepository webhooks();

    /**
     * Every repository whose records belong to a customer, by the kind of record: what a merge of customers moves.
     * A feature whose records point at a customer adds its repository here.
     */
    default Map<RecordKind, CustomerReferences> customerReferences() {
        Map<RecordKind, CustomerReferences> all = new EnumMap<>(RecordKind.class);
        all.put(RecordKind.INTERACTION, interactions());
        all.put(RecordKind.REQUIREMENT, requirements());
        all.put(RecordKind.TASK, tasks());
        all.put(RecordKind.SURVEY, surveys());
        all.put(RecordKind.PURCHASE, purchases());
        all.put(RecordKind.MESSAGE, outbox());
        all.put(RecordKind.SERVICE_CASE, serviceCases());
        all.put(RecordKind.OPPORTUNITY, opportunities());
        all.put(RecordKind.DOCUMENT, documents());
        return all;
    }
}
