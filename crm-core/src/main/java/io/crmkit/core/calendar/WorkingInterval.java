package io.crmkit.core.calendar;

import io.crmkit.core.ValidationException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A stretch of working time within a day, in the calendar's local time: from {@code start} (inclusive) to
 * {@code end} (exclusive). {@link LocalTime#MAX} as the end means the end of the day (24:00), so that
 * {@code 00:00-24:00} is a whole day; {@link #parse(String)} reads {@code 24:00} as that. An interval is never
 * empty and never crosses midnight: a night shift is two intervals on two days.
 *
 * @param start the first working moment
 * @param end   the first moment after the interval; {@link LocalTime#MAX} for the end of the day
 */
public record WorkingInterval(LocalTime start, LocalTime end) {
    /** The whole day, 00:00 to 24:00. */
    public static final WorkingInterval ALL_DAY = new WorkingInterval(LocalTime.MIDNIGHT, LocalTime.MAX);

    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    /** @throws ValidationException when the interval is empty or ends before it starts */
    public WorkingInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end) || start.equals(LocalTime.MAX)) {
            throw ValidationException.of("interval", "not_ordered",
                    "must end after it starts, within one day (24:00 at the latest), but was " + text(start, end));
        }
    }

    public static WorkingInterval of(LocalTime start, LocalTime end) {
        return new WorkingInterval(start, end);
    }

    /**
     * Reads {@code HH:MM-HH:MM} (seconds allowed: {@code HH:MM:SS}); {@code 24:00} as the end means the end of the
     * day.
     *
     * @throws ValidationException when the text is not of that form or the interval is empty
     */
    public static WorkingInterval parse(String text) {
        Objects.requireNonNull(text, "text");
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw ValidationException.of("interval", "format", "must be HH:MM-HH:MM, such as 09:00-12:00");
        }
        String end = text.substring(dash + 1).strip();
        try {
            LocalTime from = LocalTime.parse(text.substring(0, dash).strip());
            LocalTime to = end.equals("24:00") || end.equals("24:00:00") ? LocalTime.MAX : LocalTime.parse(end);
            return new WorkingInterval(from, to);
        } catch (DateTimeParseException e) {
            throw ValidationException.of("interval", "format", "must be HH:MM-HH:MM, such as 09:00-12:00");
        }
    }

    /** Whether the interval reaches the end of the day (24:00). */
    public boolean endsAtMidnight() {
        return end.equals(LocalTime.MAX);
    }

    /** The nominal length, as on a day without a clock change. */
    public Duration length() {
        return Duration.ofNanos(endNanos() - startNanos());
    }

    long startNanos() {
        return start.toNanoOfDay();
    }

    long endNanos() {
        return endsAtMidnight() ? NANOS_PER_DAY : end.toNanoOfDay();
    }

    /** {@code 09:00-12:00}, with {@code 24:00} for the end of the day: what {@link #parse(String)} reads. */
    @Override
    public String toString() {
        return text(start, end);
    }

    private static String text(LocalTime start, LocalTime end) {
        return start + "-" + (end.equals(LocalTime.MAX) ? "24:00" : end.toString());
    }
}
