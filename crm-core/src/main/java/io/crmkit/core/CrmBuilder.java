package io.crmkit.core;

import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.dedup.DuplicateSettings;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.calendar.WorkCalendars;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.document.DocumentSettings;
import io.crmkit.core.event.DomainEventListener;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.audit.AuditLog;
import io.crmkit.core.internal.document.DocumentConfig;
import io.crmkit.core.internal.event.EventRelays;
import io.crmkit.core.internal.marketing.CampaignDeliveries;
import io.crmkit.core.internal.marketing.MarketingConfig;
import io.crmkit.core.internal.messaging.Dispatcher;
import io.crmkit.core.internal.notification.NoticePusher;
import io.crmkit.core.internal.sales.SalesConfig;
import io.crmkit.core.internal.dedup.DuplicateConfig;
import io.crmkit.core.internal.service.CaseRouter;
import io.crmkit.core.internal.service.SlaMonitor;
import io.crmkit.core.marketing.CampaignStatus;
import io.crmkit.core.marketing.MarketingSettings;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.sales.SalesSettings;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Actor;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.service.ServiceSettings;
import io.crmkit.core.service.SlaPolicy;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.Workflow;
import io.crmkit.core.internal.webhook.WebhookDispatcher;
import io.crmkit.core.webhook.WebhookSettings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link Crm}. Storage is required; everything else has a default. Settings of one feature
 * come as one value ({@link #messaging(MessagingSettings)}). Like every crmkit builder, setters reject
 * null at once and {@link #build()} reports every other bad setting in one {@link ValidationException}.
 * Not thread-safe.
 */
public final class CrmBuilder {
    /** The workflows of the features that have one; {@link #workflow(Workflow)} replaces them by status type. */
    private static final List<Workflow<?>> DEFAULT_WORKFLOWS =
            List.of(RequirementStatus.DEFAULT_WORKFLOW, TaskStatus.DEFAULT_WORKFLOW,
                    ServiceCaseStatus.DEFAULT_WORKFLOW, CampaignStatus.DEFAULT_WORKFLOW);

    /** The name of the default calendar when none is set: {@value}. */
    public static final String DEFAULT_CALENDAR = "default";

    private @Nullable CrmStorage storage;
    private Clock clock = Clock.systemUTC();
    private Actor defaultActor = Actor.SYSTEM;
    private String defaultRegion = "CN";
    private final Map<Class<?>, Workflow<?>> workflows = new LinkedHashMap<>();
    private final List<DomainEventListener> listeners = new ArrayList<>();
    private MessagingSettings messaging = MessagingSettings.NONE;
    private AccessPolicy access = AccessPolicy.unrestricted();
    private AuditSettings audit = AuditSettings.DEFAULT;
    private SalesSettings sales = SalesSettings.DEFAULT;
    private MarketingSettings marketing = MarketingSettings.DEFAULT;
    private io.crmkit.core.policy.PolicySettings policies = io.crmkit.core.policy.PolicySettings.DEFAULT;
    private ServiceSettings service = ServiceSettings.DEFAULT;
    private DuplicateSettings duplicates = DuplicateSettings.DEFAULT;
    private @Nullable WorkCalendars calendars;
    private DocumentSettings documents = DocumentSettings.DEFAULT;
    private WebhookSettings webhooks = WebhookSettings.NONE;

    CrmBuilder() {
        DEFAULT_WORKFLOWS.forEach(w -> workflows.put(w.type(), w));
    }

    /** Where data lives: {@code InMemoryStorage.create()}, {@code JdbcStorage.embedded(path)}, ... */
    public CrmBuilder storage(CrmStorage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
        return this;
    }

    /** The clock for every timestamp; inject a fixed one in tests. Default: system UTC. */
    public CrmBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Who calls act as without {@link Crm#as(Actor)}. Default: {@link Actor#SYSTEM}. */
    public CrmBuilder defaultActor(Actor actor) {
        this.defaultActor = Objects.requireNonNull(actor, "actor");
        return this;
    }

    /**
     * The region (ISO 3166 alpha-2, any case) whose national phone numbers are understood without a country
     * code, wherever crmkit parses a typed number (customers, phone searches, message addresses). Default: CN,
     * so {@code 13800138000} becomes {@code +8613800138000}. {@link #build()} refuses a region that has no
     * numbering plan ({@link PhoneNumber#knowsRegion(String)}).
     */
    public CrmBuilder defaultRegion(String region) {
        this.defaultRegion = Objects.requireNonNull(region, "region").toUpperCase(Locale.ROOT);
        return this;
    }

    /**
     * Replaces the workflow of the records whose status is {@link Workflow#type()}: customer needs
     * ({@link RequirementStatus}), tasks ({@link TaskStatus}), service cases ({@link ServiceCaseStatus}) or campaigns
     * ({@link CampaignStatus}).
     */
    public CrmBuilder workflow(Workflow<?> workflow) {
        Objects.requireNonNull(workflow, "workflow");
        workflows.put(workflow.type(), workflow);
        return this;
    }

    /**
     * Who may see and change what: applied to every service call of {@code crm.as(actor)}, on every path that
     * returns records. Without one every actor has every right ({@link AccessPolicy#unrestricted()}).
     */
    public CrmBuilder access(AccessPolicy policy) {
        this.access = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Adds a listener for domain events, called after commit in registration order. */
    public CrmBuilder listener(DomainEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Channels, quiet hours, rate limits, retries and dispatching. Default: {@link MessagingSettings#NONE}. */
    public CrmBuilder messaging(MessagingSettings settings) {
        this.messaging = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** The audit trail: on or off, and its number of streams. Default: {@link AuditSettings#DEFAULT}, on. */
    public CrmBuilder audit(AuditSettings settings) {
        this.audit = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * The sales pipelines, replacing or adding to {@link io.crmkit.core.sales.Pipeline#DEFAULT}. Default:
     * {@link SalesSettings#DEFAULT}.
     */
    public CrmBuilder sales(SalesSettings settings) {
        this.sales = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** Campaigns: what counts as a response, the conversion window, batch sizes. Default: {@link MarketingSettings#DEFAULT}. */
    public CrmBuilder marketing(MarketingSettings settings) {
        this.marketing = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Service-level policies of service cases, the statuses that pause their clocks, and the SLA monitor. Default:
     * {@link ServiceSettings#DEFAULT}, no policies.
     */
    public CrmBuilder service(ServiceSettings settings) {
        this.service = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * The working calendars service levels are measured on, reachable as {@code crm.calendars()} so that the host
     * can replace holiday data while the CRM runs. Default: one calendar named {@value #DEFAULT_CALENDAR}, every
     * moment working time in UTC (elapsed time). {@link #build()} refuses a policy naming a calendar it lacks.
     */
    public CrmBuilder calendars(WorkCalendars calendars) {
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        return this;
    }

    /**
     * Documents: where content is stored and the largest version. Default: {@link DocumentSettings#DEFAULT}, the
     * storage's own content store.
     */
    public CrmBuilder documents(DocumentSettings settings) {
        this.documents = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Duplicate detection: how names are read and compared. Default: {@link DuplicateSettings#DEFAULT}, the built-in
     * {@link io.crmkit.core.dedup.NameMatcher#standard()}.
     */
    public CrmBuilder duplicates(DuplicateSettings settings) {
        this.duplicates = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Communication policies: contact pressure (caps per day, week and month, in total and per channel), quiet hours,
     * consent, the zone of due dates. Default: {@link io.crmkit.core.policy.PolicySettings#DEFAULT}, no caps.
     */
    public CrmBuilder policies(io.crmkit.core.policy.PolicySettings settings) {
        this.policies = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** How webhooks are delivered: the transport, retries, background dispatch. Without it deliveries wait. */
    public CrmBuilder webhooks(WebhookSettings settings) {
        this.webhooks = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** @throws ValidationException naming every bad setting, such as a missing storage */
    public Crm build() {
        Checks checks = new Checks();
        checks.require(storage != null, "storage", "required",
                "call storage(InMemoryStorage.create()) or storage(JdbcStorage.embedded(path))");
        checks.require(PhoneNumber.knowsRegion(defaultRegion), "defaultRegion", "unknown_region",
                "is no region known for phone numbers: " + defaultRegion);
        for (Class<?> type : workflows.keySet()) {
            checks.require(DEFAULT_WORKFLOWS.stream().anyMatch(w -> w.type() == type), "workflow", "unknown_type",
                    "no record has status type " + type.getSimpleName() + "; workflows exist for "
                            + DEFAULT_WORKFLOWS.stream().map(w -> w.type().getSimpleName()).collect(Collectors.joining(", ")));
        }
        WorkCalendars held = calendars != null ? calendars
                : WorkCalendars.of(DEFAULT_CALENDAR, WorkCalendar.allDay(ZoneOffset.UTC));
        for (SlaPolicy policy : service.policies()) {
            policy.calendar().ifPresent(name -> checks.require(held.get(name).isPresent(), "service.policies." + policy.name()
                    + ".calendar", "unknown_calendar", "no working calendar is named " + name + "; calendars are "
                    + held.names()));
        }
        checks.throwIfAny();
        CampaignDeliveries deliveries = new CampaignDeliveries(); // moves campaign members as their messages are reported
        Engine engine = new Engine(Objects.requireNonNull(storage), clock, defaultRegion, workflows,
                CampaignDeliveries.first(deliveries, listeners), access);
        AuditLog.install(engine, audit); // first: its stream heads exist before anything else starts writing
        Dispatcher.install(engine, messaging);
        SalesConfig.install(engine, sales);
        MarketingConfig.install(engine, marketing, deliveries);
        SlaMonitor.install(engine, service, held);
        DocumentConfig.install(engine, documents, Objects.requireNonNull(storage));
        CaseRouter.install(engine, service);
        EventRelays.install(engine);
        DuplicateConfig.install(engine, duplicates);
        NoticePusher.install(engine, messaging); // after the dispatcher: closed before it closes the channels
        io.crmkit.core.internal.policy.PolicyConfig.install(engine, policies);
        WebhookDispatcher.install(engine, webhooks);
        Crm crm = new Crm(engine, defaultActor);
        engine.start();
        return crm;
    }
}
