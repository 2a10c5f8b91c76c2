package io.crmkit.core.internal.service;

import io.crmkit.core.ConflictException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.calendar.WorkCalendars;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.internal.Background;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseEvent;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.service.ServiceSettings;
import io.crmkit.core.service.SlaClock;
import io.crmkit.core.service.SlaMarks;
import io.crmkit.core.service.SlaMetric;
import io.crmkit.core.service.SlaPolicy;
import io.crmkit.core.service.SlaState;
import io.crmkit.core.service.SlaStatus;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service levels of one CRM: its {@link ServiceSettings} and {@link WorkCalendars}, the computation of a case's
 * clocks and stored marks, and the monitor that marks warnings and breaches, publishes them and escalates. The
 * monitor runs on the caller's thread ({@link #check()}) and, if configured, on one background thread owned by
 * the CRM; the first check of each day also looks at the calendars' holiday data. Each mark is written with the case's version, so
 * of two monitors (two CRMs on one database) that see the same case, one marks it and the other gets a conflict
 * and leaves it: a warning or breach fires once.
 */
public final class SlaMonitor implements Engine.Component {
    private static final Logger LOG = LoggerFactory.getLogger(SlaMonitor.class);
    /** Batches one check reads at most, so that a check ends even if marks were stored stale by others. */
    private static final int MAX_BATCHES = 1_000;
    /** How long closing the CRM waits for the case in flight. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final Engine engine;
    private final ServiceSettings settings;
    private final WorkCalendars calendars;
    private final @Nullable ScheduledExecutorService background;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** The day of the last check (in the clock's zone), so that the calendars' holiday data is looked at daily. */
    private final AtomicReference<@Nullable LocalDate> calendarsCheckedOn = new AtomicReference<>();
    private final Set<String> missingCalendarsWarned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Registers the service levels of {@code engine}. */
    public static SlaMonitor install(Engine engine, ServiceSettings settings, WorkCalendars calendars) {
        return engine.register(SlaMonitor.class, new SlaMonitor(engine, settings, calendars));
    }

    private SlaMonitor(Engine engine, ServiceSettings settings, WorkCalendars calendars) {
        this.engine = engine;
        this.settings = settings;
        this.calendars = calendars;
        this.background = settings.monitorInterval().isPresent() ? Background.thread("crmkit-sla-monitor") : null;
    }

    public ServiceSettings settings() {
        return settings;
    }

    public WorkCalendars calendars() {
        return calendars;
    }

    /**
     * Warns of calendars without next year's holidays (again on the first check of each later day); starts the
     * background monitor, if configured.
     */
    @Override
    public void start() {
        calendarsCheckedOn.set(LocalDate.now(engine.clock()));
        warnOfMissingYears();
        if (background != null) {
            long every = settings.monitorInterval().orElseThrow().toMillis();
            background.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Logs a warning for the default calendar and each policy's calendar that has holiday data but not for next year. */
    void warnOfMissingYears() {
        Set<String> names = new LinkedHashSet<>();
        names.add(calendars.defaultName());
        settings.policies().forEach(p -> p.calendar().ifPresent(names::add));
        for (String name : names) {
            Optional<WorkCalendar> calendar = calendars.get(name);
            if (calendar.isPresent() && calendar.get().isNextYearMissing(engine.clock())) {
                LOG.warn("working calendar {} has no holiday data for next year (it covers {}): load it with "
                        + "crm.calendars().replace(...), or service-level due times will ignore next year's holidays",
                        name, calendar.get().coveredYears());
            }
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("checking service levels failed; will try again", e);
        }
    }

    /** The calendar of {@code policy}; the default one if it names a calendar that is not held (warned once). */
    WorkCalendar calendar(SlaPolicy policy) {
        if (policy.calendar().isEmpty()) {
            return calendars.defaultCalendar();
        }
        String name = policy.calendar().get();
        Optional<WorkCalendar> held = calendars.get(name);
        if (held.isEmpty() && missingCalendarsWarned.add(name)) {
            LOG.warn("SLA policy {} names working calendar {}, which crm.calendars() does not hold; using the default {}",
                    policy.name(), name, calendars.defaultName());
        }
        return held.orElseGet(calendars::defaultCalendar);
    }

    private SlaClocks clocks(SlaPolicy policy) {
        return new SlaClocks(calendar(policy), settings.pauseStatuses());
    }

    /** The first policy that matches the case; reads its customer's tags only if some policy matches by tag. */
    Optional<SlaPolicy> policyFor(Repositories repos, ServiceCase c) {
        if (settings.policies().isEmpty()) {
            return Optional.empty();
        }
        Set<String> tags = settings.matchesByTags()
                ? repos.customers().findById(c.customerId()).map(Customer::tags).orElse(Set.of()) : Set.of();
        return settings.policyFor(c, tags);
    }

    /** The case's clocks as at {@code now}. */
    SlaStatus status(Repositories repos, ServiceCase c, Instant now) {
        Optional<SlaPolicy> policy = policyFor(repos, c);
        return policy.map(p -> clocks(p).status(c, policy, now))
                .orElseGet(() -> new SlaStatus(c.id(), now, Optional.empty(), List.of()));
    }

    /** The measured clocks of {@code c} under {@code policy} as at {@code now}, for reports. */
    List<SlaClock> measure(ServiceCase c, SlaPolicy policy, Instant now) {
        return clocks(policy).measure(c, policy, now).stream().map(SlaClocks.Measured::clock).toList();
    }

    /**
     * {@code after} with its stored marks recomputed, keeping the marks set before; a new reply cycle clears the
     * marks of {@link SlaMetric#NEXT_RESPONSE}.
     */
    ServiceCase refresh(Repositories repos, @Nullable ServiceCase before, ServiceCase after) {
        SlaMarks old = after.sla();
        Set<SlaMetric> warned = old.warned();
        Set<SlaMetric> breached = old.breached();
        if (before != null && !before.responses().awaitedSince().equals(after.responses().awaitedSince())) {
            warned = without(warned, SlaMetric.NEXT_RESPONSE);
            breached = without(breached, SlaMetric.NEXT_RESPONSE);
        }
        return after.withSla(after.responses(), marks(repos, after, warned, breached, old.breachedAt()));
    }

    private SlaMarks marks(Repositories repos, ServiceCase c, Set<SlaMetric> warned, Set<SlaMetric> breached,
                           Optional<Instant> breachedAt) {
        Optional<SlaPolicy> policy = policyFor(repos, c);
        if (policy.isEmpty()) {
            return new SlaMarks(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), breachedAt, warned,
                    breached);
        }
        return clocks(policy.get()).marks(c, policy, warned, breached, breachedAt);
    }

    private static Set<SlaMetric> without(Set<SlaMetric> set, SlaMetric metric) {
        EnumSet<SlaMetric> copy = EnumSet.noneOf(SlaMetric.class);
        copy.addAll(set);
        copy.remove(metric);
        return copy;
    }

    /**
     * Marks the warnings and breaches that have come, in batches of the configured size, each case in a
     * transaction of its own: publishes {@link ServiceCaseEvent.SlaWarning} and {@link ServiceCaseEvent.SlaBreached}
     * and escalates a breach of a running clock as its policy says. Returns how many cases it marked; a case that
     * another monitor marked meanwhile is left to it.
     */
    public int check() {
        LocalDate today = LocalDate.now(engine.clock());
        LocalDate warned = calendarsCheckedOn.getAndSet(today);
        if (warned != null && !warned.equals(today)) {
            warnOfMissingYears(); // daily, whoever runs the monitor
        }
        int handled = 0;
        Set<ServiceCaseId> seen = new HashSet<>();
        // Keyset order: a case that fails or conflicts is passed over, not read again at the head of every batch.
        Optional<ServiceCaseRepository.CheckPosition> after = Optional.empty();
        Instant now = engine.clock().instant();
        for (int batches = 0; batches < MAX_BATCHES && !stopping.get(); batches++) {
            Optional<ServiceCaseRepository.CheckPosition> from = after;
            List<ServiceCase> batch = engine.storage().read(
                    repos -> repos.serviceCases().slaCheckDue(now, from, settings.batchSize()));
            if (!batch.isEmpty()) {
                after = Optional.of(ServiceCaseRepository.CheckPosition.of(batch.get(batch.size() - 1)));
            }
            for (ServiceCase c : batch) {
                if (!seen.add(c.id())) {
                    continue; // marked earlier in this check and due again: the next check takes it
                }
                try {
                    if (engine.write(tx -> handle(tx, c.id(), now))) {
                        handled++;
                    }
                } catch (ConflictException lost) {
                    LOG.debug("service case {} changed while its service levels were checked; left to its writer", c.id());
                } catch (RuntimeException e) {
                    LOG.warn("checking the service levels of case {} failed", c.id(), e);
                }
            }
            if (batch.size() < settings.batchSize()) {
                break;
            }
        }
        return handled;
    }

    /** Marks, publishes and escalates what has come for one case; whether anything was marked. */
    private boolean handle(Engine.Tx tx, ServiceCaseId id, Instant now) {
        Repositories repos = tx.repos();
        Optional<ServiceCase> found = repos.serviceCases().findById(id);
        if (found.isEmpty()) {
            return false;
        }
        ServiceCase c = found.get();
        SlaMarks old = c.sla();
        Optional<SlaPolicy> policy = policyFor(repos, c);
        EnumSet<SlaMetric> warned = EnumSet.noneOf(SlaMetric.class);
        EnumSet<SlaMetric> breached = EnumSet.noneOf(SlaMetric.class);
        Instant firstDue = null;
        boolean escalate = false;
        if (policy.isPresent()) {
            for (SlaClocks.Measured m : clocks(policy.get()).measure(c, policy.get(), now)) {
                SlaClock clock = m.clock();
                SlaMetric metric = clock.metric();
                if (old.breached().contains(metric)) {
                    continue;
                }
                if (clock.state() == SlaState.BREACHED) {
                    breached.add(metric);
                    Instant due = clock.due().orElse(now);
                    firstDue = firstDue == null || due.isBefore(firstDue) ? due : firstDue;
                    escalate |= clock.stoppedAt().isEmpty();
                    tx.raise(new ServiceCaseEvent.SlaBreached(id, metric, clock.policy(), due, now, Actor.SYSTEM.user()));
                } else if (!old.warned().contains(metric) && m.warningAt().isPresent() && !m.warningAt().get().isAfter(now)) {
                    warned.add(metric);
                    tx.raise(new ServiceCaseEvent.SlaWarning(id, metric, clock.policy(), clock.due().orElse(now), now,
                            Actor.SYSTEM.user()));
                }
            }
        }
        Set<SlaMetric> allWarned = SlaClocks.with(SlaClocks.with(old.warned(), warned), breached);
        Set<SlaMetric> allBreached = SlaClocks.with(old.breached(), breached);
        Optional<Instant> breachedAt = old.breachedAt().isPresent() ? old.breachedAt() : Optional.ofNullable(firstDue);
        ServiceCase after = c;
        AuditAction action = AuditAction.UPDATE;
        UserRef system = Actor.SYSTEM.user();
        if (escalate) {
            SlaPolicy p = policy.orElseThrow();
            if (p.raisesPriority() && c.priority() != Priority.URGENT) {
                Priority raised = Priority.values()[c.priority().ordinal() + 1];
                after = after.withDetails(after.subject(), after.description(), after.type(), raised, now);
            }
            Optional<Assignee> to = p.escalationAssignee();
            if (to.isPresent() && !after.assignee().equals(to)) {
                ServiceCaseStatus status = after.status();
                after = after.assign(engine.workflow(ServiceCaseStatus.class), to.get(), system, now);
                action = AuditAction.ASSIGN;
                tx.raise(new ServiceCaseEvent.Assigned(id, to.get(), now, system));
                if (after.status() != status) {
                    tx.raise(new ServiceCaseEvent.StatusChanged(id, status, after.status(), now, system));
                }
            }
            if (after.priority() != c.priority()) {
                tx.raise(new ServiceCaseEvent.Updated(id, c.version() + 1, now, system));
            }
        }
        SlaMarks marks = marks(repos, after, allWarned, allBreached, breachedAt);
        if (warned.isEmpty() && breached.isEmpty() && marks.equals(old) && after == c) {
            return false;
        }
        ServiceCase stored = atNextVersion(c, after, marks, now);
        repos.serviceCases().update(stored);
        if (!warned.isEmpty() || !breached.isEmpty() || after != c) {
            ServiceCaseChanges.record(tx, AuditSource.SYSTEM, system, action, c, stored);
        }
        return !warned.isEmpty() || !breached.isEmpty();
    }

    /** {@code changed} (escalated, perhaps several steps) with {@code marks}, one version after {@code c}. */
    private static ServiceCase atNextVersion(ServiceCase c, ServiceCase changed, SlaMarks marks, Instant now) {
        return new ServiceCase(c.id(), c.customerId(), changed.subject(), changed.description(), c.origin(), changed.type(),
                changed.priority(), changed.status(), changed.assignee(), changed.parentId(), changed.interactionIds(),
                changed.requirementIds(), changed.history(), c.createdBy(), c.createdAt(), now, c.version() + 1,
                changed.responses(), marks);
    }

    /** Stops the background monitor, letting a check in flight finish its case. */
    @Override
    public void close() {
        stopping.set(true);
        if (background != null) {
            Background.stop(background, SHUTDOWN_WAIT);
        }
    }
}
