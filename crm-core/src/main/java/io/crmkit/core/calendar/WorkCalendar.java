package io.crmkit.core.calendar;

import io.crmkit.core.Checks;
import io.crmkit.core.ValidationException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * When people work: a time zone, the {@linkplain WorkingInterval working intervals} of each day of the week, and
 * {@linkplain DateOverride date overrides} (holidays, make-up working days). Measures working time between
 * instants ({@link #between}), adds it to an instant ({@link #add}), and counts working days
 * ({@link #workingDaysBetween}). Immutable and thread-safe; {@link WorkCalendars} holds the ones a running
 * application uses.
 *
 * <pre>{@code
 * WorkCalendar china = WorkCalendar.builder(ZoneId.of("Asia/Shanghai"))
 *     .weekdays(WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("13:00-18:00"))
 *     .overrides(DateOverrides.chinaMainland())
 *     .build();
 * Instant due = china.add(openedAt, Duration.ofHours(16));      // two working days, over holidays and lunch
 * }</pre>
 *
 * <h2>Working time</h2>
 *
 * <p>An instant is working time when its local date and time in the calendar's zone fall in one of that date's
 * intervals, from the start (inclusive) to the end (exclusive). Durations are real elapsed time, so clock
 * changes count as they happen: a {@code 00:00-24:00} day in Europe/Berlin lasts 23 hours on the day clocks go
 * forward and 25 on the day they go back; an interval starting in the skipped hour starts when the clock jumps;
 * an interval ending in the repeated hour includes both passes of its local times.
 *
 * <h2>Years without holiday data</h2>
 *
 * <p>A calendar {@linkplain #coveredYears() covers} the years its holiday data speaks for. When it computes with
 * a day of a year outside them, it logs a warning once per year (for the first eight such years) through
 * {@link System.Logger} (name {@code io.crmkit.core.calendar.WorkCalendar}), and treats that year by the weekly
 * hours alone;
 * {@link #isNextYearMissing(Clock)} lets the host check ahead, for example daily. A calendar without holiday
 * data covers no year and never warns.
 *
 * <p>Calendars compute with instants of the years 1 to 9999; others throw {@link ValidationException}.
 */
public final class WorkCalendar {
    private static final System.Logger LOG = System.getLogger(WorkCalendar.class.getName());
    /** Warnings of missing years stop after this many, so that a computation over centuries does not flood the log. */
    private static final int MAX_WARNED_YEARS = 8;
    private static final long DAY_SECONDS = 86_400;
    /** Beyond any zone offset (at most 18 hours), so that a window this much wider holds every instant of a day. */
    private static final long WINDOW_SECONDS = 18 * 3_600 + 1;
    private static final Instant MIN = LocalDate.of(1, 1, 3).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant MAX = LocalDate.of(9999, 12, 29).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    private final ZoneId zone;
    private final ZoneRules rules;
    /** By {@link DayOfWeek#ordinal()}. */
    private final DayHours[] weekly;
    private final DayHours makeUp;
    private final DateOverrides overrides;
    private final NavigableMap<LocalDate, DayHours> byDate;
    private final int[] covered;
    private final Duration weekTotal;
    private final int weekWorkingDays;
    private final Consumer<String> warnings;
    private final Set<Integer> warned = ConcurrentHashMap.newKeySet();

    private WorkCalendar(ZoneId zone, DayHours[] weekly, DayHours makeUp, DateOverrides overrides,
                         NavigableMap<LocalDate, DayHours> byDate, Consumer<String> warnings) {
        this.zone = zone;
        this.rules = zone.getRules();
        this.weekly = weekly;
        this.makeUp = makeUp;
        this.overrides = overrides;
        this.byDate = byDate;
        this.covered = overrides.coveredYears().stream().mapToInt(Integer::intValue).toArray();
        this.warnings = warnings;
        Duration total = Duration.ZERO;
        int days = 0;
        for (DayHours hours : weekly) {
            total = total.plus(hours.total);
            days += hours.isEmpty() ? 0 : 1;
        }
        this.weekTotal = total;
        this.weekWorkingDays = days;
    }

    /** A calendar in {@code zone}; without hours set, no day has working time, which {@link Builder#build()} refuses. */
    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /** Every moment of every day is working time: elapsed time, for clocks that never stop. */
    public static WorkCalendar allDay(ZoneId zone) {
        return builder(zone).everyDay(WorkingInterval.ALL_DAY).build();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The weekly intervals of {@code day}, in order; empty for a day off. */
    public List<WorkingInterval> hours(DayOfWeek day) {
        return weekly[Objects.requireNonNull(day, "day").ordinal()].intervals;
    }

    /** The intervals of {@code date}, after its override if it has one; empty when it is no working day. */
    public List<WorkingInterval> hoursOn(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return hours(date).intervals;
    }

    /** The holidays and make-up working days, with the years they cover. */
    public DateOverrides overrides() {
        return overrides;
    }

    /** The years the holiday data covers, in order; empty for a calendar of weekly hours only. */
    public SortedSet<Integer> coveredYears() {
        return overrides.coveredYears();
    }

    /**
     * Whether the calendar has holiday data but none for the year after today's ({@code clock}'s date in the
     * calendar's zone): time to load next year's data.
     */
    public boolean isNextYearMissing(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        int next = LocalDate.ofInstant(clock.instant(), zone).getYear() + 1;
        return covered.length > 0 && Arrays.binarySearch(covered, next) < 0;
    }

    /** This calendar's zone and weekly hours with other holiday data, such as next year's. */
    public WorkCalendar withOverrides(DateOverrides overrides) {
        Objects.requireNonNull(overrides, "overrides");
        Builder builder = builder(zone).overrides(overrides).makeUpDayHours(makeUp.intervals.toArray(WorkingInterval[]::new));
        for (DayOfWeek day : DayOfWeek.values()) {
            builder.hours(day, weekly[day.ordinal()].intervals.toArray(WorkingInterval[]::new));
        }
        builder.warnings = warnings;
        return builder.build();
    }

    /** Whether {@code date} has any working time. */
    public boolean isWorkingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        return !hours(date).isEmpty();
    }

    /** Whether {@code instant} is working time: its local time in the zone lies in one of its date's intervals. */
    public boolean isWorkingTime(Instant instant) {
        inRange("instant", instant);
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        return hours(local.toLocalDate()).contains(local.toLocalTime().toNanoOfDay());
    }

    /** {@code instant} itself when it is working time, else the start of the next working time after it. */
    public Instant nextWorkingInstant(Instant instant) {
        inRange("instant", instant);
        LocalDate guard = date(instant).minusDays(1);
        for (LocalDate day = guard; ; day = next(day, "instant")) {
            for (Span span : spans(day, !day.equals(guard))) {
                if (span.end.isAfter(instant)) {
                    return span.start.isAfter(instant) ? span.start : instant;
                }
            }
        }
    }

    /**
     * The earliest instant at which {@code workingTime} of working time has passed since {@code start}:
     * {@code start} itself for zero; the end of a working interval, not the start of the next, when the working
     * time runs out exactly there.
     *
     * @throws ValidationException when {@code workingTime} is negative, or the result lies beyond the year 9999
     */
    public Instant add(Instant start, Duration workingTime) {
        inRange("start", start);
        Objects.requireNonNull(workingTime, "workingTime");
        if (workingTime.isNegative()) {
            throw ValidationException.of("workingTime", "negative", "must not be negative");
        }
        if (workingTime.isZero()) {
            return start;
        }
        Duration remaining = workingTime;
        Instant cursor = start;
        LocalDate guard = date(start).minusDays(1);
        for (LocalDate day = guard; ; ) {
            if (day.getDayOfWeek() == DayOfWeek.MONDAY && remaining.compareTo(weekTotal) > 0) {
                // whole weeks the working time outlasts, up to the last day the calendar computes with
                long fit = Math.min(remaining.minusNanos(1).dividedBy(weekTotal), ChronoUnit.DAYS.between(day, LAST_DAY) / 7);
                long weeks = plainWeeks(day, fit);
                if (weeks > 0 && !cursor.isAfter(plainStartOf(day, day))) {
                    remaining = remaining.minus(weekTotal.multipliedBy(weeks));
                    day = day.plusDays(7 * weeks);
                    cursor = plainStartOf(day.minusDays(1), day);
                    continue;
                }
            }
            for (Span span : spans(day, !day.equals(guard))) {
                Instant from = span.start.isAfter(cursor) ? span.start : cursor;
                if (from.isBefore(span.end)) {
                    Duration available = Duration.between(from, span.end);
                    if (remaining.compareTo(available) <= 0) {
                        return from.plus(remaining);
                    }
                    remaining = remaining.minus(available);
                    cursor = span.end;
                }
            }
            day = next(day, "workingTime");
        }
    }

    /**
     * The working time in {@code [a, b)}; negative, as {@link Duration#between}, when {@code b} is before
     * {@code a}: {@code between(a, b)} is {@code between(b, a).negated()}.
     */
    public Duration between(Instant a, Instant b) {
        inRange("a", a);
        inRange("b", b);
        if (b.isBefore(a)) {
            return between(b, a).negated();
        }
        Duration total = Duration.ZERO;
        LocalDate first = date(a);
        LocalDate last = date(b);
        // the days either side are read too, without warnings: safe whatever a zone's clock changes do at midnight
        for (LocalDate day = first.minusDays(1); !day.isAfter(last.plusDays(1)); day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.MONDAY && day.isAfter(first) && day.plusDays(6).isBefore(last)) {
                // whole weeks between the days of a and b
                long weeks = plainWeeks(day, ChronoUnit.DAYS.between(day, last) / 7);
                if (weeks > 0 && !plainStartOf(day, day).isBefore(a) && !plainStartOf(day, day.plusDays(7 * weeks)).isAfter(b)) {
                    total = total.plus(weekTotal.multipliedBy(weeks));
                    day = day.plusDays(7 * weeks - 1);
                    continue;
                }
            }
            for (Span span : spans(day, !day.isBefore(first) && !day.isAfter(last))) {
                Instant from = span.start.isAfter(a) ? span.start : a;
                Instant to = span.end.isBefore(b) ? span.end : b;
                if (from.isBefore(to)) {
                    total = total.plus(Duration.between(from, to));
                }
            }
        }
        return total;
    }

    /**
     * The working days after {@code from}, up to and including {@code to}: the working days that have passed
     * since {@code from}, as a staleness rule counts them (Friday to the next Monday is one when the weekend is
     * off). Negative when {@code to} is before {@code from}; zero when they are the same day.
     */
    public long workingDaysBetween(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        long count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            long weeks = day.getDayOfWeek() == DayOfWeek.MONDAY
                    ? weeksWithoutOverrides(day, (ChronoUnit.DAYS.between(day, to) + 1) / 7) : 0;
            if (weeks > 0) {
                count += weekWorkingDays * weeks;
                day = day.plusDays(7 * weeks - 1);
            } else if (!hours(day).isEmpty()) {
                count++;
            }
        }
        return count;
    }

    /**
     * The {@code days}-th working day after {@code date} ({@code date} itself for zero), so that
     * {@code workingDaysBetween(date, plusWorkingDays(date, n)) == n}.
     *
     * @throws ValidationException when {@code days} is negative, or the result lies beyond the year 9999
     */
    public LocalDate plusWorkingDays(LocalDate date, long days) {
        Objects.requireNonNull(date, "date");
        if (days < 0) {
            throw ValidationException.of("days", "negative", "must not be negative");
        }
        long remaining = days;
        LocalDate day = date;
        while (remaining > 0) {
            day = next(day, "days");
            long weeks = day.getDayOfWeek() == DayOfWeek.MONDAY && remaining > weekWorkingDays
                    ? weeksWithoutOverrides(day, Math.min((remaining - 1) / weekWorkingDays, ChronoUnit.DAYS.between(day, LAST_DAY) / 7))
                    : 0;
            if (weeks > 0) {
                remaining -= weekWorkingDays * weeks;
                day = day.plusDays(7 * weeks - 1);
            } else if (!hours(day).isEmpty()) {
                remaining--;
            }
        }
        return day;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("WorkCalendar[").append(zone);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (!weekly[day.ordinal()].isEmpty()) {
                text.append(", ").append(day).append(' ').append(weekly[day.ordinal()].intervals);
            }
        }
        return text.append(", ").append(overrides).append(']').toString();
    }

    // --- the walk ---

    /** A stretch of working time: {@code [start, end)}. */
    private record Span(Instant start, Instant end) {
    }

    private DayHours hours(LocalDate date) {
        return hours(date, true);
    }

    /** The hours of {@code date}; {@code warn}: a day that counts, whose year must be covered. */
    private DayHours hours(LocalDate date, boolean warn) {
        if (warn) {
            checkCovered(date.getYear());
        }
        DayHours override = byDate.get(date);
        return override != null ? override : weekly[date.getDayOfWeek().ordinal()];
    }

    private void checkCovered(int year) {
        if (covered.length > 0 && Arrays.binarySearch(covered, year) < 0
                && warned.size() < MAX_WARNED_YEARS && warned.add(year)) {
            warnings.accept("the working calendar " + zone + " has no holiday data for " + year + " (it covers "
                    + overrides.coveredYears() + "); that year counts by the weekly hours alone: load its holidays "
                    + "with WorkCalendar.withOverrides");
        }
    }

    /** The working time of {@code date}, as instants in order; {@code warn} as for {@link #hours(LocalDate, boolean)}. */
    private List<Span> spans(LocalDate date, boolean warn) {
        DayHours hours = hours(date, warn);
        if (hours.isEmpty()) {
            return List.of();
        }
        long midnight = date.toEpochDay() * DAY_SECONDS; // local midnight, counted as if it were UTC
        Instant windowStart = Instant.ofEpochSecond(midnight - WINDOW_SECONDS);
        Instant windowEnd = Instant.ofEpochSecond(midnight + DAY_SECONDS + WINDOW_SECONDS);
        ZoneOffsetTransition transition = rules.nextTransition(windowStart);
        List<Span> spans = new ArrayList<>(hours.bounds.length / 2);
        if (transition == null || transition.getInstant().isAfter(windowEnd)) {
            long offset = rules.getOffset(windowStart).getTotalSeconds();
            for (int i = 0; i < hours.bounds.length; i += 2) {
                spans.add(new Span(Instant.ofEpochSecond(midnight - offset, hours.bounds[i]),
                        Instant.ofEpochSecond(midnight - offset, hours.bounds[i + 1])));
            }
            return spans;
        }
        return spansAcrossTransitions(midnight, hours, windowStart, windowEnd, transition);
    }

    /**
     * The instants whose local time falls in the day's intervals, on a day near a clock change: between
     * transitions the offset is fixed, so each stretch of fixed offset contributes the part of each interval it
     * holds. Over a repeated hour an interval may yield two spans, and spans of two intervals may interleave.
     */
    private List<Span> spansAcrossTransitions(long midnight, DayHours hours, Instant windowStart, Instant windowEnd,
                                              ZoneOffsetTransition first) {
        List<Instant> cuts = new ArrayList<>();
        List<ZoneOffset> offsets = new ArrayList<>();
        cuts.add(windowStart);
        offsets.add(first.getOffsetBefore());
        for (ZoneOffsetTransition t = first; t != null && !t.getInstant().isAfter(windowEnd);
             t = rules.nextTransition(t.getInstant())) {
            cuts.add(t.getInstant());
            offsets.add(t.getOffsetAfter());
        }
        cuts.add(windowEnd);
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < hours.bounds.length; i += 2) {
            for (int piece = 0; piece < offsets.size(); piece++) {
                long offset = offsets.get(piece).getTotalSeconds();
                Instant start = later(cuts.get(piece), Instant.ofEpochSecond(midnight - offset, hours.bounds[i]));
                Instant end = earlier(cuts.get(piece + 1), Instant.ofEpochSecond(midnight - offset, hours.bounds[i + 1]));
                if (start.isBefore(end)) {
                    spans.add(new Span(start, end));
                }
            }
        }
        spans.sort(Comparator.comparing(Span::start));
        List<Span> merged = new ArrayList<>(spans.size());
        for (Span span : spans) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.end.equals(span.start)) {
                merged.set(merged.size() - 1, new Span(last.start, span.end));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /**
     * How many weeks from this Monday, at most {@code max}, have the weekly hours alone: no override and no clock
     * change near them, so that each has {@code weekTotal} of working time and its days start at one offset.
     */
    private long plainWeeks(LocalDate monday, long max) {
        long weeks = weeksWithoutOverrides(monday, max);
        if (weeks == 0 || rules.isFixedOffset()) {
            return weeks;
        }
        long midnight = monday.toEpochDay() * DAY_SECONDS;
        ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(midnight - WINDOW_SECONDS));
        if (t == null) {
            return weeks;
        }
        // week k is plain when the transition comes after its last day ends, and a window more
        long clear = t.getInstant().getEpochSecond() - WINDOW_SECONDS - midnight;
        return clear <= 0 ? 0 : Math.min(weeks, (clear - 1) / (7 * DAY_SECONDS));
    }

    /**
     * How many weeks from this Monday, at most {@code max}, hold no override; checks that their years are
     * covered, as a walk through their days would.
     */
    private long weeksWithoutOverrides(LocalDate monday, long max) {
        if (max <= 0) {
            return 0;
        }
        LocalDate override = byDate.ceilingKey(monday);
        long weeks = override == null ? max : Math.min(max, ChronoUnit.DAYS.between(monday, override) / 7);
        if (weeks > 0 && covered.length > 0) {
            int lastYear = monday.plusDays(7 * weeks - 1).getYear();
            for (int year = monday.getYear(); year <= lastYear && warned.size() < MAX_WARNED_YEARS; year++) {
                checkCovered(year);
            }
        }
        return weeks;
    }

    /** The first instant of {@code date}, with the offset of {@code plainDay}, a day of a plain week. */
    private Instant plainStartOf(LocalDate plainDay, LocalDate date) {
        long offset = rules.getOffset(Instant.ofEpochSecond(plainDay.toEpochDay() * DAY_SECONDS)).getTotalSeconds();
        return Instant.ofEpochSecond(date.toEpochDay() * DAY_SECONDS - offset);
    }

    private LocalDate date(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    private static LocalDate next(LocalDate day, String field) {
        if (!day.isBefore(LAST_DAY)) {
            throw ValidationException.of(field, "out_of_range", "the result would lie beyond the year 9999");
        }
        return day.plusDays(1);
    }

    private static void inRange(String field, Instant instant) {
        Objects.requireNonNull(instant, field);
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw ValidationException.of(field, "out_of_range", "must lie within the years 1 to 9999");
        }
    }

    private static void warn(String message) {
        LOG.log(System.Logger.Level.WARNING, message);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Collects the weekly hours, the overrides and their covered years; {@link #build()} reports every bad setting
     * at once. Not thread-safe.
     */
    public static final class Builder {
        private final ZoneId zone;
        private final Map<DayOfWeek, List<WorkingInterval>> weekly = new EnumMap<>(DayOfWeek.class);
        private final List<DateOverride> overrides = new ArrayList<>();
        private final TreeSet<Integer> years = new TreeSet<>();
        private List<WorkingInterval> makeUp = List.of();
        private boolean makeUpSet;
        Consumer<String> warnings = WorkCalendar::warn;

        private Builder(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            for (DayOfWeek day : DayOfWeek.values()) {
                weekly.put(day, List.of());
            }
        }

        /** The intervals of {@code day}, in order and not overlapping (none: a day off); replaces earlier ones. */
        public Builder hours(DayOfWeek day, WorkingInterval... intervals) {
            Objects.requireNonNull(day, "day");
            weekly.put(day, list(intervals));
            return this;
        }

        /** The same intervals Monday to Friday. */
        public Builder weekdays(WorkingInterval... intervals) {
            List<WorkingInterval> list = list(intervals);
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                    weekly.put(day, list);
                }
            }
            return this;
        }

        /** The same intervals every day of the week. */
        public Builder everyDay(WorkingInterval... intervals) {
            List<WorkingInterval> list = list(intervals);
            for (DayOfWeek day : DayOfWeek.values()) {
                weekly.put(day, list);
            }
            return this;
        }

        /**
         * The hours of a make-up working day given without hours of its own. By default the hours of the first day
         * from Monday on that has any: the normal weekday hours.
         */
        public Builder makeUpDayHours(WorkingInterval... intervals) {
            makeUp = list(intervals);
            makeUpSet = !makeUp.isEmpty();
            return this;
        }

        /** One holiday or working day; a date may be overridden once only. */
        public Builder override(DateOverride override) {
            overrides.add(Objects.requireNonNull(override, "override"));
            return this;
        }

        /** Holiday data: its overrides, and its covered years added to those of the calendar. */
        public Builder overrides(DateOverrides data) {
            Objects.requireNonNull(data, "data");
            overrides.addAll(data.all());
            years.addAll(data.coveredYears());
            return this;
        }

        /** Declares that the overrides speak for these years (1 to 9999), even if a year has none. */
        public Builder covers(int... coveredYears) {
            Objects.requireNonNull(coveredYears, "coveredYears");
            for (int year : coveredYears) {
                years.add(year);
            }
            return this;
        }

        /** Where a missing year is reported: tests listen here; by default the {@link System.Logger}. */
        Builder warnings(Consumer<String> sink) {
            this.warnings = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * @throws ValidationException naming every bad setting: unordered or overlapping intervals
         *         ({@code hours[MONDAY]}, {@code makeUpDayHours}), a date overridden twice
         *         ({@code overrides[2026-02-14]}: {@code conflict}), a bad year, or a week without any working time
         *         ({@code hours}: {@code no_working_time})
         */
        public WorkCalendar build() {
            Checks all = new Checks();
            DayHours[] days = new DayHours[7];
            boolean any = false;
            for (Map.Entry<DayOfWeek, List<WorkingInterval>> day : weekly.entrySet()) {
                DayHours hours = DayHours.of(all, "hours[" + day.getKey() + "]", day.getValue());
                days[day.getKey().ordinal()] = hours;
                any |= !day.getValue().isEmpty(); // bad hours are reported as such, not as a week without work
            }
            all.require(any, "hours", "no_working_time", "a week needs some working time, or no duration could ever be added");
            DayHours makeUpHours = makeUpSet ? DayHours.of(all, "makeUpDayHours", makeUp) : firstWorkingDay(days);
            NavigableMap<LocalDate, DateOverride> byDate = DateOverrides.index(all, overrides);
            years.forEach(year -> DateOverrides.checkYear(all, "coveredYears", year));
            all.throwIfAny();
            NavigableMap<LocalDate, DayHours> hoursByDate = new TreeMap<>();
            byDate.forEach((date, o) -> hoursByDate.put(date, o.isHoliday() ? DayHours.NONE
                    : o.hours().isEmpty() ? makeUpHours : DayHours.of(new Checks(), "hours", o.hours()))); // checked by DateOverride
            DateOverrides data = DateOverrides.of(byDate.values(), years);
            return new WorkCalendar(zone, days, makeUpHours, data,
                    Collections.unmodifiableNavigableMap(hoursByDate), warnings);
        }

        private static DayHours firstWorkingDay(DayHours[] days) {
            return Arrays.stream(days).filter(h -> !h.isEmpty()).findFirst().orElse(DayHours.NONE);
        }

        private static List<WorkingInterval> list(WorkingInterval[] intervals) {
            Objects.requireNonNull(intervals, "intervals");
            for (WorkingInterval interval : intervals) {
                Objects.requireNonNull(interval, "interval");
            }
            return List.of(intervals);
        }
    }
}
