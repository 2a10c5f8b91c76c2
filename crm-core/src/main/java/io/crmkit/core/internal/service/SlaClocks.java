package io.crmkit.core.internal.service;

import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.service.CaseResponses;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.service.SlaClock;
import io.crmkit.core.service.SlaMarks;
import io.crmkit.core.service.SlaMetric;
import io.crmkit.core.service.SlaPolicy;
import io.crmkit.core.service.SlaState;
import io.crmkit.core.service.SlaStatus;
import io.crmkit.core.workflow.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The service-level clocks of a case, computed from its stored facts alone: creation, status history and
 * {@link CaseResponses}. A clock counts working time of the calendar while the case is in a counting status (open
 * and no pause status), from its start until its stop (the response; for every clock also a status that is not
 * open). The due instant depends on the facts only, not on the moment of asking, so it can be stored and
 * indexed; it changes when the facts change, and the case service recomputes it then.
 */
final class SlaClocks {
    private final WorkCalendar calendar;
    private final Set<ServiceCaseStatus> pauses;

    SlaClocks(WorkCalendar calendar, Set<ServiceCaseStatus> pauses) {
        this.calendar = calendar;
        this.pauses = pauses;
    }

    /** A stretch of time in one status; {@code to} null for the current status. */
    private record Segment(Instant from, @Nullable Instant to, ServiceCaseStatus status) {
    }

    /** One clock with its warning instant, which {@link SlaClock} does not show. */
    record Measured(SlaClock clock, Optional<Instant> warningAt) {
    }

    private static List<Segment> timeline(ServiceCase c) {
        List<StatusChange<ServiceCaseStatus>> history = c.history();
        List<Segment> segments = new ArrayList<>(history.size() + 1);
        Instant from = c.createdAt();
        ServiceCaseStatus status = history.isEmpty() ? c.status() : history.get(0).from();
        for (StatusChange<ServiceCaseStatus> change : history) {
            segments.add(new Segment(from, change.at(), status));
            from = change.at();
            status = change.to();
        }
        segments.add(new Segment(from, null, status));
        return segments;
    }

    private boolean counts(ServiceCaseStatus status) {
        return status.isOpen() && !pauses.contains(status);
    }

    /** Every clock the policy sets for the case, as at {@code now}. */
    List<Measured> measure(ServiceCase c, SlaPolicy policy, Instant now) {
        List<Segment> timeline = timeline(c);
        CaseResponses r = c.responses();
        List<Measured> out = new ArrayList<>(3);
        for (SlaMetric metric : SlaMetric.values()) {
            Optional<Duration> target = policy.target(metric);
            if (target.isEmpty()) {
                continue;
            }
            switch (metric) {
                case FIRST_RESPONSE -> out.add(measure(c, timeline, policy, metric, target.get(), c.createdAt(),
                        r.firstResponseAt().orElse(null), now));
                case RESOLUTION -> out.add(measure(c, timeline, policy, metric, target.get(), c.createdAt(), null, now));
                case NEXT_RESPONSE -> {
                    if (r.awaitedSince().isPresent()) {
                        out.add(measure(c, timeline, policy, metric, target.get(), r.awaitedSince().get(),
                                r.nextResponseAt().orElse(null), now));
                    }
                }
            }
        }
        return out;
    }

    private Measured measure(ServiceCase c, List<Segment> timeline, SlaPolicy policy, SlaMetric metric, Duration target,
                             Instant start, @Nullable Instant stop, Instant now) {
        Duration warnTarget = target.multipliedBy(policy.warningPercent()).dividedBy(100);
        Duration cumulative = Duration.ZERO;
        Duration elapsed = Duration.ZERO;
        Duration paused = Duration.ZERO;
        Instant due = null;
        Instant warn = null;
        for (Segment s : timeline) {
            Instant a = s.from().isBefore(start) ? start : s.from();
            Instant b = min(s.to(), stop);
            if (b != null && !a.isBefore(b)) {
                continue;
            }
            Instant untilNow = b == null || b.isAfter(now) ? now : b;
            if (counts(s.status())) {
                if (untilNow.isAfter(a)) {
                    elapsed = elapsed.plus(calendar.between(a, untilNow));
                }
                Duration span = b == null ? null : calendar.between(a, b);
                if (warn == null && (span == null || cumulative.plus(span).compareTo(warnTarget) >= 0)) {
                    warn = calendar.add(a, warnTarget.minus(cumulative));
                }
                if (due == null && (span == null || cumulative.plus(span).compareTo(target) >= 0)) {
                    due = calendar.add(a, target.minus(cumulative));
                }
                if (span != null) {
                    cumulative = cumulative.plus(span);
                }
            } else if (pauses.contains(s.status()) && untilNow.isAfter(a)) {
                paused = paused.plus(calendar.between(a, untilNow));
            }
        }
        Instant stoppedAt = stop != null ? stop : c.isOpen() ? null : c.statusSince();
        if (stoppedAt != null && stoppedAt.isBefore(start)) {
            stoppedAt = start;
        }
        SlaState state;
        if (stoppedAt != null && !stoppedAt.isAfter(now)) {
            state = elapsed.compareTo(target) <= 0 ? SlaState.MET : SlaState.BREACHED;
        } else if (due != null && !due.isAfter(now)) {
            state = SlaState.BREACHED;
        } else if (pauses.contains(c.status())) {
            state = SlaState.PAUSED;
        } else {
            state = SlaState.RUNNING;
        }
        Duration remaining = target.minus(elapsed);
        SlaClock clock = new SlaClock(metric, policy.name(), target, start, Optional.ofNullable(stoppedAt),
                Optional.ofNullable(due), elapsed, paused, remaining.isNegative() ? Duration.ZERO : remaining, state);
        return new Measured(clock, stoppedAt == null ? Optional.ofNullable(warn) : Optional.empty());
    }

    private static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The status of the case as at {@code now}: no clocks without a policy. */
    SlaStatus status(ServiceCase c, Optional<SlaPolicy> policy, Instant now) {
        List<SlaClock> clocks = policy.map(p -> measure(c, p, now).stream().map(Measured::clock).toList()).orElse(List.of());
        return new SlaStatus(c.id(), now, policy.map(SlaPolicy::name), clocks);
    }

    /**
     * The marks to store for the case: the due instants of clocks not yet marked breached, including one that ran
     * out before a pause or a late stop (so its breach is still marked once), and the warning instants of running
     * clocks not yet marked; {@code warned}, {@code breached} and {@code breachedAt} as given.
     */
    SlaMarks marks(ServiceCase c, Optional<SlaPolicy> policy, Set<SlaMetric> warned, Set<SlaMetric> breached,
                   Optional<Instant> breachedAt) {
        if (policy.isEmpty()) {
            return new SlaMarks(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), breachedAt, warned,
                    breached);
        }
        Instant due = null;
        Instant warn = null;
        // the due and warning instants do not depend on the moment: any will do; the creation keeps it reproducible
        for (Measured m : measure(c, policy.get(), c.createdAt())) {
            SlaClock clock = m.clock();
            if (breached.contains(clock.metric()) || clock.due().isEmpty()) {
                continue;
            }
            Instant d = clock.due().get();
            boolean stoppedInTime = clock.stoppedAt().isPresent() && !d.isBefore(clock.stoppedAt().get());
            if (stoppedInTime) {
                continue;
            }
            due = min(due, d);
            if (!warned.contains(clock.metric()) && clock.stoppedAt().isEmpty() && m.warningAt().isPresent()) {
                warn = min(warn, m.warningAt().get());
            }
        }
        return new SlaMarks(policy.map(SlaPolicy::name), Optional.ofNullable(due), Optional.ofNullable(warn),
                Optional.ofNullable(min(due, warn)), breachedAt, warned, breached);
    }

    static Set<SlaMetric> with(Set<SlaMetric> set, Set<SlaMetric> more) {
        EnumSet<SlaMetric> all = EnumSet.noneOf(SlaMetric.class);
        all.addAll(set);
        all.addAll(more);
        return all;
    }
}
