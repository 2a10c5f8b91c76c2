package io.crmkit.core.calendar;

import io.crmkit.core.Checks;
import io.crmkit.core.ValidationException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One date that does not follow the weekly hours: a {@linkplain Kind#HOLIDAY holiday} (no work that day) or a
 * {@linkplain Kind#WORKDAY working day}, such as a make-up working day on a weekend (China's 调休). A working day
 * without hours of its own has the calendar's make-up hours ({@link WorkCalendar.Builder#makeUpDayHours}); one
 * with hours has exactly those, which also gives a weekday shorter hours.
 *
 * @param date  the date, in the calendar's zone
 * @param kind  holiday or working day
 * @param name  what the day is called ({@code 春节}), if anything; at most {@link #MAX_NAME} characters
 * @param hours a working day's own intervals, in order; empty for a holiday and for a day with the make-up hours
 */
public record DateOverride(LocalDate date, Kind kind, @Nullable String name, List<WorkingInterval> hours) {
    /** The longest name, in characters. */
    public static final int MAX_NAME = 50;

    /** What a date override does to its day. */
    public enum Kind {
        /** No working time that day. */
        HOLIDAY,
        /** A working day, whatever the day of the week. */
        WORKDAY
    }

    /** @throws ValidationException when the name is too long or has control characters, or the hours are bad */
    public DateOverride {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hours, "hours");
        Checks checks = new Checks();
        name = checks.optional("name", name, MAX_NAME);
        hours = List.copyOf(hours);
        checks.require(kind == Kind.WORKDAY || hours.isEmpty(), "hours", "hours_on_holiday",
                "a holiday has no working hours");
        DayHours.of(checks, "hours", hours);
        checks.throwIfAny();
    }

    /** No work on {@code date}. */
    public static DateOverride holiday(LocalDate date, @Nullable String name) {
        return new DateOverride(date, Kind.HOLIDAY, name, List.of());
    }

    /** A working day with the calendar's make-up hours. */
    public static DateOverride workday(LocalDate date, @Nullable String name) {
        return new DateOverride(date, Kind.WORKDAY, name, List.of());
    }

    /** A working day with these hours. */
    public static DateOverride workday(LocalDate date, @Nullable String name, WorkingInterval... hours) {
        Objects.requireNonNull(hours, "hours");
        if (hours.length == 0) {
            throw ValidationException.of("hours", "required", "name at least one interval, or use workday(date, name)");
        }
        return new DateOverride(date, Kind.WORKDAY, name, Arrays.asList(hours));
    }

    /** The name, if the day has one. */
    public Optional<String> label() {
        return Optional.ofNullable(name);
    }

    public boolean isHoliday() {
        return kind == Kind.HOLIDAY;
    }

    /** One line of the {@linkplain DateOverrides text format}: {@code 2026-02-14 workday 春节}. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder().append(date).append(' ').append(kind == Kind.HOLIDAY ? "holiday" : "workday");
        hours.forEach(h -> line.append(' ').append(h));
        if (name != null) {
            line.append(' ').append(name);
        }
        return line.toString();
    }
}
