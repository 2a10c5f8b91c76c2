package io.crmkit.core;

import io.crmkit.core.audit.AuditService;
import io.crmkit.core.calendar.WorkCalendars;
import io.crmkit.core.commerce.PurchaseService;
import io.crmkit.core.customer.CustomerService;
import io.crmkit.core.event.EventFeed;
import io.crmkit.core.document.DocumentService;
import io.crmkit.core.dedup.DuplicateService;
import io.crmkit.core.interaction.InteractionService;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.audit.TransactionalAuditService;
import io.crmkit.core.internal.commerce.TransactionalPurchaseService;
import io.crmkit.core.internal.customer.TransactionalCustomerService;
import io.crmkit.core.internal.event.TransactionalEventFeed;
import io.crmkit.core.internal.document.TransactionalDocumentService;
import io.crmkit.core.internal.dedup.TransactionalDuplicateService;
import io.crmkit.core.internal.interaction.TransactionalInteractionService;
import io.crmkit.core.internal.marketing.TransactionalCampaignService;
import io.crmkit.core.internal.messaging.TransactionalMessagingService;
import io.crmkit.core.internal.requirement.TransactionalRequirementService;
import io.crmkit.core.internal.sales.TransactionalOpportunityService;
import io.crmkit.core.internal.satisfaction.TransactionalSurveyService;
import io.crmkit.core.internal.security.TransactionalAccessService;
import io.crmkit.core.internal.service.SlaMonitor;
import io.crmkit.core.internal.service.TransactionalServiceCaseService;
import io.crmkit.core.internal.task.TransactionalTaskService;
import io.crmkit.core.internal.notification.TransactionalNotificationService;
import io.crmkit.core.internal.project.TransactionalProjectService;
import io.crmkit.core.notification.NotificationService;
import io.crmkit.core.project.ProjectService;
import io.crmkit.core.marketing.CampaignService;
import io.crmkit.core.messaging.MessagingService;
import io.crmkit.core.requirement.RequirementService;
import io.crmkit.core.sales.OpportunityService;
import io.crmkit.core.satisfaction.SurveyService;
import io.crmkit.core.security.AccessService;
import io.crmkit.core.security.Actor;
import io.crmkit.core.service.ServiceCaseService;
import io.crmkit.core.task.TaskService;
import io.crmkit.core.internal.webhook.TransactionalWebhookService;
import io.crmkit.core.webhook.WebhookService;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;

/**
 * The services of a {@link Crm}, acting as one {@link Actor}: {@link Crm} itself acts as the
 * configured default actor, {@link Crm#as(Actor)} as a user of the host application. Every service is
 * held here once. Immutable and thread-safe.
 */
public sealed class CrmServices permits Crm {
    private final Engine engine;
    private final Actor actor;
    private final CustomerService customers;
    private final InteractionService interactions;
    private final RequirementService requirements;
    private final TaskService tasks;
    private final SurveyService surveys;
    private final PurchaseService purchases;
    private final MessagingService messaging;
    private final AccessService access;
    private final AuditService audit;
    private final ServiceCaseService cases;
    private final OpportunityService opportunities;
    private final CampaignService campaigns;
    private final EventFeed events;
    private final DocumentService documents;
    private final DuplicateService duplicates;
    private final NotificationService notifications;
    private final ProjectService projects;
    private final io.crmkit.core.policy.PolicyService policies;
    private final WebhookService webhooks;

    CrmServices(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = Objects.requireNonNull(actor, "actor");
        this.customers = new TransactionalCustomerService(engine, actor);
        this.interactions = new TransactionalInteractionService(engine, actor);
        this.requirements = new TransactionalRequirementService(engine, actor);
        this.tasks = new TransactionalTaskService(engine, actor);
        this.surveys = new TransactionalSurveyService(engine, actor);
        this.purchases = new TransactionalPurchaseService(engine, actor);
        this.messaging = new TransactionalMessagingService(engine, actor);
        this.access = new TransactionalAccessService(engine, actor);
        this.audit = new TransactionalAuditService(engine, actor);
        this.cases = new TransactionalServiceCaseService(engine, actor);
        this.opportunities = new TransactionalOpportunityService(engine, actor);
        this.campaigns = new TransactionalCampaignService(engine, actor);
        this.events = new TransactionalEventFeed(engine, actor);
        this.documents = new TransactionalDocumentService(engine, actor);
        this.duplicates = new TransactionalDuplicateService(engine, actor);
        this.notifications = new TransactionalNotificationService(engine, actor);
        this.projects = new TransactionalProjectService(engine, actor);
        this.policies = new io.crmkit.core.internal.policy.TransactionalPolicyService(engine, actor);
        this.webhooks = new TransactionalWebhookService(engine, actor);
    }

    /** Who these services act as: recorded as author, creator and transition actor. */
    public final Actor actor() {
        return actor;
    }

    /** The clock every timestamp of this CRM comes from. */
    public final Clock clock() {
        return engine.clock();
    }

    /**
     * The working calendars service levels are measured on ({@code Crm.builder().calendars(...)}): replace one, such
     * as with next year's holidays, and every clock computed afterwards uses it. Stored due instants follow with
     * each case's next change or check.
     */
    public final WorkCalendars calendars() {
        return engine.component(SlaMonitor.class).calendars();
    }

    /** People and organisations, their contact points, consent and links to the host's records. */
    public final CustomerService customers() {
        return customers;
    }

    /** The communication log: calls, visits, emails, messages, as a customer's timeline. */
    public final InteractionService interactions() {
        return interactions;
    }

    /** Customer needs through their workflow. */
    public final RequirementService requirements() {
        return requirements;
    }

    /** Work handed to users and departments. */
    public final TaskService tasks() {
        return tasks;
    }

    /** Survey answers: CSAT, NPS, CES. */
    public final SurveyService surveys() {
        return surveys;
    }

    /** Purchases, for customer-value analytics. */
    public final PurchaseService purchases() {
        return purchases;
    }

    /** Email, SMS and voice calls to customers, through the outbox. */
    public final MessagingService messaging() {
        return messaging;
    }

    /** Record shares, and what the acting user may do. */
    public final AccessService access() {
        return access;
    }

    /** The audit trail: who changed what and when, and whether the record of it is intact. */
    public final AuditService audit() {
        return audit;
    }

    /** Service cases (tickets) through their workflow. */
    public final ServiceCaseService cases() {
        return cases;
    }

    /** The sales pipeline: opportunities through their stages, and the forecast. */
    public final OpportunityService opportunities() {
        return opportunities;
    }

    /** Marketing campaigns: members from segments, sending through messaging, results and attribution. */
    public final CampaignService campaigns() {
        return campaigns;
    }

    /** Documents: files with versions, linked to records, granted to users and departments, every download recorded. */
    public final DocumentService documents() {
        return documents;
    }

    /**
     * The event outbox: every domain event, written with the change that raised it; read by position, or relayed to
     * a sink (a message broker) from several JVMs.
     */
    public final EventFeed events() {
        return events;
    }

    /** Duplicate customers: candidates with a score, merges that keep every record, and their undoing. */
    public final DuplicateService duplicates() {
        return duplicates;
    }

    /**
     * The acting user's inbox of notices (tasks assigned, cases breaching, mentions, documents shared) and how they
     * want them pushed.
     */
    public final NotificationService notifications() {
        return notifications;
    }

    /** Projects: tasks across departments grouped in milestones, their progress, overdue and blocked tasks. */
    public final ProjectService projects() {
        return projects;
    }

    /**
     * Communication policies: who to contact, why, how and how often; the due customers of a date turned into tasks and
     * messages within the contact pressure; their effectiveness.
     */
    public final io.crmkit.core.policy.PolicyService policies() {
        return policies;
    }

    /**
     * Webhooks: the host's endpoints, signed deliveries of events to them with retries, the delivery log and replays
     * ({@code Crm.builder().webhooks(...)} sets the transport).
     */
    public final WebhookService webhooks() {
        return webhooks;
    }

    /**
     * Runs {@code work} in one write transaction: every service call inside it joins, so all of them
     * commit together or, if {@code work} throws, none does. Domain events reach the listeners after the
     * commit.
     *
     * @throws IllegalStateException inside {@link #read(Function)}
     */
    public final <T> T inTransaction(Function<CrmServices, T> work) {
        Objects.requireNonNull(work, "work");
        return engine.writeScope(() -> work.apply(this));
    }

    /**
     * Runs {@code work} in one read unit of work: every service call inside it reads through the same
     * transaction and connection, so a report's queries see the same data (in memory, nothing else is
     * written meanwhile; on a database, what one transaction sees of others' commits is the database's
     * isolation level: one snapshot on MariaDB, each statement's own on PostgreSQL and H2 by default).
     * Calls that write throw {@link IllegalStateException}.
     */
    public final <T> T read(Function<CrmServices, T> work) {
        Objects.requireNonNull(work, "work");
        return engine.readScope(() -> work.apply(this));
    }
}
