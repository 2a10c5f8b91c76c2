package io.crmkit.core.internal.policy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Checks;
import io.crmkit.core.ConflictException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.internal.interaction.TransactionalInteractionService;
import io.crmkit.core.internal.messaging.TransactionalMessagingService;
import io.crmkit.core.internal.task.TransactionalTaskService;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.policy.Cadence;
import io.crmkit.core.policy.CommunicationPolicy;
import io.crmkit.core.policy.ContactMethod;
import io.crmkit.core.policy.ContactOutcome;
import io.crmkit.core.policy.ContactRefusal;
import io.crmkit.core.policy.ContactResult;
import io.crmkit.core.policy.DueContact;
import io.crmkit.core.policy.DueQuery;
import io.crmkit.core.policy.ExecutionReport;
import io.crmkit.core.policy.NewPolicy;
import io.crmkit.core.policy.PauseWindow;
import io.crmkit.core.policy.PolicyContact;
import io.crmkit.core.policy.PolicyEffectiveness;
import io.crmkit.core.policy.PolicyEvent;
import io.crmkit.core.policy.PolicyId;
import io.crmkit.core.policy.PolicyService;
import io.crmkit.core.policy.PolicySettings;
import io.crmkit.core.policy.PressureCounts;
import io.crmkit.core.policy.SegmentText;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Communication policies, each call one transaction (a run one per customer), checked by the acting user's
 * {@link Guard}. Tasks, timeline entries and messages are made through the task, interaction and messaging services
 * acting as the same user, in the transaction of the contact, so that a contact is stored whole or not at all.
 */
public final class TransactionalPolicyService implements PolicyService {
    private final Engine engine;
    private final Actor actor;
    private final Guard guard;
    private final TransactionalTaskService tasks;
    private final TransactionalInteractionService interactions;
    private final TransactionalMessagingService messaging;

    public TransactionalPolicyService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
        this.tasks = new TransactionalTaskService(engine, actor);
        this.interactions = new TransactionalInteractionService(engine, actor);
        this.messaging = new TransactionalMessagingService(engine, actor);
    }

    private PolicySettings settings() {
        return engine.component(PolicyConfig.class).settings();
    }

    /** The validated fields of a form. */
    private record Fields(String name, String goal, CustomerQuery segment, ContactMethod method,
                          Optional<ContactChannel> channel, Cadence cadence, Assignee owner, LocalDate from,
                          Optional<LocalDate> to, Optional<MessageTemplate> template, int responseDays) {
    }

    private Fields fields(NewPolicy in) {
        Checks checks = new Checks();
        String name = checks.required("name", in.name(), CommunicationPolicy.MAX_NAME);
        String goal = checks.multiline("goal", in.goal().orElse(null), CommunicationPolicy.MAX_GOAL);
        CustomerQuery segment = segment(checks, in.segment());
        ContactMethod method = in.method().orElse(null);
        checks.require(method != null, "method", "required", "must be one of CALL, VISIT, EMAIL, SMS, VOICE");
        Cadence cadence = in.cadence().orElse(null);
        checks.require(cadence != null, "cadence", "required", "must be given, such as Cadence.everyDays(30)");
        Optional<ContactChannel> channel = in.channel().or(() -> method == null ? Optional.empty() : method.defaultChannel());
        if (method != null && method.isMessage() && channel.isPresent()) {
            ContactChannel needed = method.messageKind().map(ChannelKind::consentChannel).orElseThrow();
            checks.require(channel.get() == needed, "channel", "mismatch", "a " + method + " policy contacts on "
                    + needed + ", not " + channel.get());
        }
        LocalDate from = in.activeFrom().orElse(engine.today());
        boolean fromOk = year(checks, "activeFrom", from);
        in.activeTo().ifPresent(to -> {
            if (year(checks, "activeTo", to) && fromOk) {
                checks.require(!to.isBefore(from), "activeTo", "before_start", "must be on or after activeFrom " + from);
            }
        });
        Optional<MessageTemplate> template = in.template();
        if (method != null && method.isMessage()) {
            if (template.isEmpty()) {
                checks.add("template", "required", "a " + method + " policy needs a message template");
            } else {
                template(checks, method, template.get());
            }
        } else if (template.isPresent()) {
            checks.add("template", "not_allowed", "a " + method + " policy makes tasks and sends no message");
        }
        checks.require(in.responseWindowDays() >= 1 && in.responseWindowDays() <= CommunicationPolicy.MAX_RESPONSE_DAYS,
                "responseWindowDays", "range", "must be 1 to " + CommunicationPolicy.MAX_RESPONSE_DAYS);
        checks.throwIfAny();
        return new Fields(Objects.requireNonNull(name, "name"), goal == null ? "" : goal, segment,
                Objects.requireNonNull(method, "method"), channel, Objects.requireNonNull(cadence, "cadence"),
                in.owner().orElse(Assignee.user(actor.user())), from, in.activeTo(), template, in.responseWindowDays());
    }

    /** The segment with its phone normalised as stored numbers are, and short enough to store. */
    private CustomerQuery segment(Checks checks, CustomerQuery q) {
        CustomerQuery normalised = q;
        if (q.phone().isPresent()) {
            PhoneNumber p = checks.value("segment.phone", () -> PhoneNumber.parse(q.phone().get(), engine.defaultRegion()));
            if (p != null) {
                normalised = q.phone(p.value());
            }
        }
        checks.require(SegmentText.encode(normalised).length() <= SegmentText.MAX_LENGTH, "segment", "too_long",
                "must take at most " + SegmentText.MAX_LENGTH + " characters stored");
        return normalised;
    }

    private static boolean year(Checks checks, String field, LocalDate date) {
        return checks.require(date.getYear() >= CommunicationPolicy.MIN_YEAR && date.getYear() <= CommunicationPolicy.MAX_YEAR,
                field, "range", "must be in the years " + CommunicationPolicy.MIN_YEAR + " to " + CommunicationPolicy.MAX_YEAR);
    }

    private static void template(Checks checks, ContactMethod method, MessageTemplate t) {
        String subject = checks.optional("template.subject", t.subject().orElse(null), CommunicationPolicy.MAX_NAME);
        checks.require(method != ContactMethod.EMAIL || subject != null, "template.subject", "required",
                "an email policy's template needs a subject");
        checks.require(!t.text().isBlank(), "template.text", "required", "must not be blank");
        checks.multiline("template.text", t.text(), CommunicationPolicy.MAX_TEMPLATE_TEXT);
        checks.multiline("template.html", t.html().orElse(null), CommunicationPolicy.MAX_TEMPLATE_TEXT);
    }

    @Override
    public CommunicationPolicy create(NewPolicy in) {
        Objects.requireNonNull(in, "policy");
        Fields f = fields(in);
        return engine.write(tx -> {
            guard.requireCreate(RecordKind.POLICY, f.owner().user(), f.owner().department(), "a policy");
            PolicyId id = new PolicyId(Ids.uuid7(engine.clock()));
            CommunicationPolicy p = new CommunicationPolicy(id, f.name(), f.goal(), f.segment(), f.method(), f.channel(),
                    f.cadence(), f.owner(), f.from(), f.to(), f.template(), f.responseDays(), tx.now(), tx.now(), 1);
            tx.repos().policies().insert(p);
            PolicyChanges.record(tx, actor.user(), AuditAction.CREATE, null, p);
            tx.raise(new PolicyEvent.Created(id, tx.now(), actor.user()));
            return p;
        });
    }

    @Override
    public Optional<CommunicationPolicy> get(PolicyId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.policies().findById(id).filter(p -> guard.permits(p, Action.READ)));
    }

    @Override
    public CommunicationPolicy update(PolicyId id, long baseVersion, NewPolicy in) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(in, "fields");
        Fields f = fields(in);
        return engine.change(r -> guard.require(r.policies().require(id), Action.EDIT), (current, tx) -> {
            if (current.version() != baseVersion) {
                throw new ConflictException("policy " + id + " was changed by someone else (version " + current.version()
                        + ", change based on " + baseVersion + "); reload and retry");
            }
            CommunicationPolicy changed = new CommunicationPolicy(id, f.name(), f.goal(), f.segment(), f.method(),
                    f.channel(), f.cadence(), f.owner(), f.from(), f.to(), f.template(), f.responseDays(),
                    current.createdAt(), tx.now(), current.version() + 1);
            if (!guard.permits(changed, Action.EDIT)) {
                throw guard.denied(Action.EDIT, RecordKind.POLICY, "policy " + id + " so that it leaves their reach (owner "
                        + changed.owner() + ")");
            }
            tx.raise(new PolicyEvent.Updated(id, changed.version(), tx.now(), actor.user()));
            return changed;
        }, (r, changed) -> r.policies().update(changed),
                (tx, before, after) -> PolicyChanges.record(tx, actor.user(), AuditAction.UPDATE, before, after));
    }

    @Override
    public Page<CommunicationPolicy> search(PageRequest page) {
        Objects.requireNonNull(page, "page");
        AccessScope scope = guard.scope(RecordKind.POLICY, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.policies().search(scope, page));
    }

    @Override
    public Page<DueContact> due(PolicyId policy, LocalDate date, PageRequest page) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(page, "page");
        AccessScope customers = guard.scope(RecordKind.CUSTOMER, Action.READ);
        return engine.read(repos -> {
            CommunicationPolicy p = guard.require(repos.policies().require(policy), Action.READ);
            Optional<DueQuery> query = query(repos, p, date);
            return query.isEmpty() || customers.isNothing() ? Page.<DueContact>last(List.of())
                    : repos.policies().due(query.get(), customers, page);
        });
    }

    /** The due query of a date, or empty when the policy is not active then or a global pause covers it. */
    private Optional<DueQuery> query(Repositories repos, CommunicationPolicy p, LocalDate date) {
        PolicySettings settings = settings();
        DueWindows w = DueWindows.of(date, settings.zone());
        if (!p.activeOn(date) || repos.policies().globalPause(w.dayStart(), w.until()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(w.query(p, settings, settings.zone()));
    }

    @Override
    public ExecutionReport execute(PolicyId policy, LocalDate date) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(date, "date");
        engine.read(repos -> guard.require(repos.policies().require(policy), Action.EDIT));
        long[] made = new long[3];
        Map<ContactRefusal, Long> refused = new EnumMap<>(ContactRefusal.class);
        PageRequest page = PageRequest.first(settings().batchSize());
        while (true) {
            Page<DueContact> due = due(policy, date, page);
            for (DueContact d : due.items()) {
                ContactResult r = contactRetrying(policy, d.customerId(), date);
                switch (r.outcome()) {
                    case TASK_CREATED -> made[0]++;
                    case MESSAGE_QUEUED -> made[1]++;
                    case ALREADY_DONE -> made[2]++;
                    case REFUSED -> refused.merge(r.refusal().orElseThrow(), 1L, Long::sum);
                }
            }
            Optional<PageRequest> next = page.next(due);
            if (next.isEmpty()) {
                return new ExecutionReport(policy, date, made[0], made[1], made[2], refused);
            }
            page = next.get();
        }
    }

    /** A contact, once more if another run stored the same contact first (it then finds it done). */
    private ContactResult contactRetrying(PolicyId policy, CustomerId customer, LocalDate date) {
        try {
            return contact(policy, customer, date);
        } catch (ConflictException raced) {
            return contact(policy, customer, date);
        }
    }

    @Override
    public ContactResult contact(PolicyId policy, CustomerId customer, LocalDate date) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(date, "date");
        return engine.write(tx -> {
            Repositories repos = tx.repos();
            CommunicationPolicy p = guard.require(repos.policies().require(policy), Action.EDIT);
            Customer c = guard.require(repos, customer, RecordKind.CUSTOMER, Action.READ);
            Optional<PolicyContact> done = repos.policies().findContact(policy, customer, date);
            if (done.isPresent()) {
                return new ContactResult(customer, ContactOutcome.ALREADY_DONE, Optional.of(done.get().recordId()),
                        Optional.empty(), Optional.empty());
            }
            ContactResult refusal = refusal(tx, p, c, date);
            if (refusal != null) {
                return refusal;
            }
            // checked before anything is written: a denial half way (the task made, its timeline entry refused) would
            // commit a task without its contact, and every later run would make another
            RecordKind logged = p.method().isMessage() ? RecordKind.MESSAGE : RecordKind.INTERACTION;
            if (!guard.permits(repos, c, logged, Action.CREATE)) {
                return ContactResult.refused(customer, ContactRefusal.ACCESS_DENIED, "the acting user may not create "
                        + logged + " records of customer " + customer);
            }
            try {
                return p.method().isMessage() ? send(tx, p, c, date) : plan(tx, p, c, date);
            } catch (AccessDeniedException e) {
                return ContactResult.refused(customer, ContactRefusal.ACCESS_DENIED, String.valueOf(e.getMessage()));
            }
        });
    }

    /** Why the customer is not contacted now, or null. */
    private @Nullable ContactResult refusal(Engine.Tx tx, CommunicationPolicy p, Customer c, LocalDate date) {
        PolicySettings settings = settings();
        DueWindows w = DueWindows.of(date, settings.zone());
        CustomerId id = c.id();
        if (!p.activeOn(date)) {
            return ContactResult.refused(id, ContactRefusal.NOT_DUE, "the policy is active from " + p.activeFrom()
                    + p.activeTo().map(t -> " to " + t).orElse("") + ", not on " + date);
        }
        if (p.channel().isPresent()) {
            ContactChannel ch = p.channel().get();
            Optional<Consent> consent = c.consent(ch);
            if (consent.isPresent() && consent.get().optedOut()) {
                return ContactResult.refused(id, ContactRefusal.NO_CONSENT, "opted out of " + ch + " on "
                        + consent.get().at() + " (" + consent.get().source() + ")");
            }
            if (settings.requireOptIn() && consent.map(k -> k.status() != ConsentStatus.OPTED_IN).orElse(true)) {
                return ContactResult.refused(id, ContactRefusal.NO_CONSENT, "no opt-in to " + ch + " on record");
            }
        }
        Optional<PauseWindow> pause = tx.repos().policies().pauseOf(id, w.dayStart(), w.until());
        if (pause.isPresent()) {
            return ContactResult.refused(id, ContactRefusal.PAUSED, (pause.get().customer().isPresent() ? "the customer's"
                    : "a global") + " pause from " + pause.get().from() + " to " + pause.get().to() + ": " + pause.get().reason());
        }
        InteractionChannel on = p.method().timelineChannel();
        PressureCounts n = tx.repos().policies().pressure(id, on, w.monthStart(), w.weekStart(), w.dayStart(), w.until());
        Optional<DueWindows.Refused> cap = DueWindows.broken(n, settings.total(), settings.channel(on), on);
        if (cap.isPresent()) {
            return ContactResult.refused(id, cap.get().why(), cap.get().detail());
        }
        DueQuery query = w.query(p, settings, settings.zone()).only(id);
        if (tx.repos().policies().due(query, AccessScope.everything(), PageRequest.first(1)).items().isEmpty()) {
            return ContactResult.refused(id, ContactRefusal.NOT_DUE, "not in the segment, without an address for "
                    + p.method() + ", or contacted by " + p.method() + " within the cadence " + p.cadence().trigger()
                    + " " + p.cadence().days() + " days");
        }
        if (p.method().isMessage() && settings.quietHours().isPresent()) {
            Optional<Instant> until = settings.quietHours().get().deferral(tx.now(), c.timeZone().orElse(settings.zone()));
            if (until.isPresent()) {
                return ContactResult.refused(id, ContactRefusal.QUIET_HOURS, "quiet hours until " + until.get());
            }
        }
        return null;
    }

    /** A call or visit: a task for the owner, due on the date, and its entry on the timeline. */
    private ContactResult plan(Engine.Tx tx, CommunicationPolicy p, Customer c, LocalDate date) {
        NewTask form = NewTask.titled(p.name()).about(c.id()).assignTo(p.owner()).due(date);
        if (!p.goal().isBlank()) {
            form.description(cut(p.goal(), Task.MAX_TEXT));
        }
        Task task = tasks.create(form);
        var entry = (p.method() == ContactMethod.VISIT ? Interaction.visit(Direction.OUTBOUND) : Interaction.call(Direction.OUTBOUND))
                .subject(cut(p.name(), Interaction.MAX_SUBJECT)).outcome("planned")
                .link(RecordLink.Type.TASK, task.id().value()).link(RecordLink.Type.POLICY, p.id().value());
        Interaction logged = interactions.log(c.id(), entry);
        store(tx, p, c.id(), date, ContactOutcome.TASK_CREATED, task.id().value(), logged.id());
        return new ContactResult(c.id(), ContactOutcome.TASK_CREATED, Optional.of(task.id().value()), Optional.empty(),
                Optional.empty());
    }

    /** An email, SMS or voice call through messaging, linked to the policy; its key makes a retry find it. */
    private ContactResult send(Engine.Tx tx, CommunicationPolicy p, Customer c, LocalDate date) {
        MessageTemplate template = p.template().orElseThrow();
        MessageRequest r = switch (p.method().messageKind().orElseThrow()) {
            case EMAIL -> MessageRequest.email(c.id());
            case SMS -> MessageRequest.sms(c.id());
            case VOICE -> MessageRequest.voice(c.id());
        };
        MessageResult sent = messaging.send(r.template(template).variable("policy", p.name())
                .idempotencyKey("policy:" + p.id() + ":" + c.id() + ":" + date)
                .link(new RecordLink(RecordLink.Type.POLICY, p.id().value())));
        if (sent.refused()) {
            store(tx, p, c.id(), date, ContactOutcome.REFUSED, sent.messageId().value(), sent.interactionId());
            return new ContactResult(c.id(), ContactOutcome.REFUSED, Optional.of(sent.messageId().value()),
                    Optional.of(ContactRefusal.UNDELIVERABLE), Optional.of(sent.reason().orElse("refused by messaging")));
        }
        store(tx, p, c.id(), date, ContactOutcome.MESSAGE_QUEUED, sent.messageId().value(), sent.interactionId());
        return new ContactResult(c.id(), ContactOutcome.MESSAGE_QUEUED, Optional.of(sent.messageId().value()),
                Optional.empty(), Optional.empty());
    }

    private void store(Engine.Tx tx, CommunicationPolicy p, CustomerId customer, LocalDate date, ContactOutcome kind,
                       java.util.UUID record, io.crmkit.core.interaction.InteractionId entry) {
        PolicyContact contact = new PolicyContact(p.id(), customer, date, kind, record, entry, tx.now(),
                tx.now().plus(Duration.ofDays(p.responseWindowDays())));
        if (!tx.repos().policies().recordContact(contact)) {
            throw new ConflictException("policy " + p.id() + " contacted customer " + customer + " for " + date
                    + " meanwhile");
        }
        tx.raise(new PolicyEvent.Contacted(p.id(), customer, date, kind, tx.now(), actor.user()));
    }

    private static String cut(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
    }

    @Override
    public PauseWindow pause(@Nullable CustomerId customer, Instant from, Instant to, String reason) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Checks checks = new Checks();
        String why = checks.required("reason", reason, PauseWindow.MAX_REASON);
        checks.require(from.isBefore(to), "to", "before_from", "must be after from " + from);
        checks.throwIfAny();
        String text = Objects.requireNonNull(why, "reason"); // null only with a violation
        return engine.write(tx -> {
            if (customer == null) {
                if (guard.level(RecordKind.POLICY, Action.EDIT) != AccessLevel.ALL) {
                    throw guard.denied(Action.EDIT, RecordKind.POLICY, "every policy (a global pause)");
                }
            } else {
                guard.require(tx.repos(), customer, RecordKind.CUSTOMER, Action.EDIT);
            }
            PauseWindow p = new PauseWindow(Ids.uuid7(engine.clock()), Optional.ofNullable(customer), from, to, text);
            tx.repos().policies().insertPause(p);
            return p;
        });
    }

    @Override
    public PolicyEffectiveness effectiveness(PolicyId policy, Instant from, Instant to) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw ValidationException.of("to", "before_from", "must be after from " + from);
        }
        AccessScope customers = guard.scope(RecordKind.CUSTOMER, Action.READ);
        return engine.read(repos -> {
            CommunicationPolicy p = guard.require(repos.policies().require(policy), Action.READ);
            return repos.policies().effectiveness(policy, p.segment(), customers, from, to);
        });
    }
}
