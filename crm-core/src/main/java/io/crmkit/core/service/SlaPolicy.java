package io.crmkit.core.service;

import io.crmkit.core.Checks;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A service-level agreement for the cases it matches: targets in working time for the {@linkplain SlaMetric
 * metrics}, measured on a named working calendar, a warning before each due instant, and what happens when a
 * target is missed. {@link ServiceSettings} holds the policies in order; the first that matches a case applies.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * SlaPolicy urgent = SlaPolicy.builder("urgent")
 *         .priorities(Priority.URGENT, Priority.HIGH)
 *         .target(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1))
 *         .target(SlaMetric.RESOLUTION, Duration.ofHours(8))
 *         .calendar("cn")
 *         .escalateTo(Assignee.department(DepartmentRef.of("二线支持")))
 *         .build();
 * }</pre>
 *
 * <h2>Matching</h2>
 *
 * <p>A policy matches a case when its priority is one of {@link #priorities()}, its type one of
 * {@link #caseTypes()} and its customer has at least one of {@link #customerTags()}; an empty set admits any.
 *
 * <h2>Warning and breach</h2>
 *
 * <p>The warning comes when a clock has used {@link #warningPercent()} percent of its target (default
 * {@value #DEFAULT_WARNING_PERCENT}), in the same working time; the breach when it has used the whole target.
 * Each publishes its event once per case and metric (per reply cycle for {@link SlaMetric#NEXT_RESPONSE}). On a
 * breach the case is escalated: its priority raised one step if {@link #raisesPriority()}, and handed to
 * {@link #escalationAssignee()} if set, both recorded as changes by the system actor.
 */
public final class SlaPolicy {
    /** Longest policy name, in characters. */
    public static final int MAX_NAME = 100;
    /** The share of a target, in percent, after which the warning comes, unless set. */
    public static final int DEFAULT_WARNING_PERCENT = 80;

    private final String name;
    private final Set<Priority> priorities;
    private final Set<String> caseTypes;
    private final Set<String> customerTags;
    private final Map<SlaMetric, Duration> targets;
    private final Optional<String> calendar;
    private final int warningPercent;
    private final boolean raisesPriority;
    private final Optional<Assignee> escalationAssignee;

    private SlaPolicy(Builder b, String name) {
        this.name = name;
        this.priorities = Set.copyOf(b.priorities);
        this.caseTypes = Set.copyOf(b.caseTypes);
        this.customerTags = Set.copyOf(b.customerTags);
        this.targets = Map.copyOf(b.targets);
        this.calendar = Optional.ofNullable(b.calendar);
        this.warningPercent = b.warningPercent;
        this.raisesPriority = b.raisesPriority;
        this.escalationAssignee = Optional.ofNullable(b.escalationAssignee);
    }

    /** A policy named {@code name}, as events, the case's stored marks and {@link SlaStatus} show it. */
    public static Builder builder(String name) {
        return new Builder(Objects.requireNonNull(name, "name"));
    }

    public String name() {
        return name;
    }

    /** The priorities of the cases it matches; empty: any. */
    public Set<Priority> priorities() {
        return priorities;
    }

    /** The type codes of the cases it matches; empty: any. */
    public Set<String> caseTypes() {
        return caseTypes;
    }

    /** Tags (lower case) of which the case's customer must have one; empty: any customer. */
    public Set<String> customerTags() {
        return customerTags;
    }

    /** The target of each metric it sets, in working time; a metric without one has no clock. */
    public Map<SlaMetric, Duration> targets() {
        return targets;
    }

    public Optional<Duration> target(SlaMetric metric) {
        return Optional.ofNullable(targets.get(Objects.requireNonNull(metric, "metric")));
    }

    /** The name of its working calendar in {@code crm.calendars()}; empty: the default calendar. */
    public Optional<String> calendar() {
        return calendar;
    }

    /** After how many percent of a target the warning comes: 1 to 99. */
    public int warningPercent() {
        return warningPercent;
    }

    /** Whether a breach raises the case's priority one step (URGENT stays URGENT). */
    public boolean raisesPriority() {
        return raisesPriority;
    }

    /** Who a case is handed to when one of its targets is missed; empty: it stays with its assignee. */
    public Optional<Assignee> escalationAssignee() {
        return escalationAssignee;
    }

    /** Whether the policy applies to {@code serviceCase}, whose customer has {@code tags}. */
    public boolean matches(ServiceCase serviceCase, Set<String> tags) {
        Objects.requireNonNull(serviceCase, "serviceCase");
        Objects.requireNonNull(tags, "tags");
        return (priorities.isEmpty() || priorities.contains(serviceCase.priority()))
                && (caseTypes.isEmpty() || caseTypes.contains(serviceCase.type()))
                && (customerTags.isEmpty() || customerTags.stream().anyMatch(tags::contains));
    }

    @Override
    public String toString() {
        return "SlaPolicy[" + name + ", targets=" + targets + ", calendar=" + calendar.orElse("(default)") + "]";
    }

    /**
     * Builds an {@link SlaPolicy}. Setters reject null at once; {@link #build()} reports every other bad setting in
     * one {@link io.crmkit.core.ValidationException}. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private final Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        private final Set<String> caseTypes = new LinkedHashSet<>();
        private final Set<String> customerTags = new LinkedHashSet<>();
        private final Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        private @Nullable String calendar;
        private int warningPercent = DEFAULT_WARNING_PERCENT;
        private boolean raisesPriority;
        private @Nullable Assignee escalationAssignee;

        private Builder(String name) {
            this.name = name;
        }

        /** Matches cases of these priorities only (added to earlier ones). */
        public Builder priorities(Priority... priorities) {
            for (Priority p : Objects.requireNonNull(priorities, "priorities")) {
                this.priorities.add(Objects.requireNonNull(p, "priorities"));
            }
            return this;
        }

        /** Matches cases of these type codes only (added to earlier ones). */
        public Builder caseTypes(String... types) {
            for (String t : Objects.requireNonNull(types, "types")) {
                caseTypes.add(Objects.requireNonNull(t, "types").strip());
            }
            return this;
        }

        /** Matches cases whose customer has one of these tags (added to earlier ones; compared in lower case). */
        public Builder customerTags(Collection<String> tags) {
            for (String t : Objects.requireNonNull(tags, "tags")) {
                customerTags.add(Objects.requireNonNull(t, "tags").strip().toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** As {@link #customerTags(Collection)}. */
        public Builder customerTags(String... tags) {
            return customerTags(java.util.Arrays.asList(Objects.requireNonNull(tags, "tags")));
        }

        /** The target of {@code metric}, in working time; replaces an earlier one. */
        public Builder target(SlaMetric metric, Duration workingTime) {
            targets.put(Objects.requireNonNull(metric, "metric"), Objects.requireNonNull(workingTime, "workingTime"));
            return this;
        }

        /** Measures on the calendar of this name in {@code crm.calendars()}. Default: the default calendar. */
        public Builder calendar(String name) {
            this.calendar = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The warning comes after this many percent of a target (1 to 99). Default {@value #DEFAULT_WARNING_PERCENT}. */
        public Builder warningPercent(int percent) {
            this.warningPercent = percent;
            return this;
        }

        /** A breach raises the case's priority one step. Default: it does not. */
        public Builder raisePriority() {
            this.raisesPriority = true;
            return this;
        }

        /** A breach hands the case to {@code assignee}. Default: it stays with its assignee. */
        public Builder escalateTo(Assignee assignee) {
            this.escalationAssignee = Objects.requireNonNull(assignee, "assignee");
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public SlaPolicy build() {
            Checks checks = new Checks();
            String checkedName = checks.required("name", name, MAX_NAME);
            checks.require(!targets.isEmpty(), "targets", "required", "set a target for at least one metric");
            targets.forEach((metric, target) -> checks.positive("target." + metric, target));
            for (String type : caseTypes) {
                checks.require(!type.isEmpty() && type.length() <= ServiceCase.MAX_TYPE, "caseTypes", "format",
                        "a type code has 1 to " + ServiceCase.MAX_TYPE + " characters");
            }
            for (String tag : customerTags) {
                checks.require(!tag.isEmpty(), "customerTags", "required", "a tag must not be blank");
            }
            if (calendar != null) {
                checks.required("calendar", calendar, io.crmkit.core.calendar.WorkCalendars.MAX_NAME);
            }
            checks.require(warningPercent >= 1 && warningPercent <= 99, "warningPercent", "range",
                    "must be 1 to 99 but was " + warningPercent);
            checks.throwIfAny();
            return new SlaPolicy(this, Objects.requireNonNull(checkedName)); // null only with a violation
        }
    }
}
