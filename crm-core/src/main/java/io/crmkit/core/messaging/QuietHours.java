package io.crmkit.core.messaging;

import io.crmkit.core.ValidationException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A daily window in the customer's local time when messages wait, such as 21:00 to 08:00. Messages
 * queued inside it are deferred to its end, never dropped.
 */
public record QuietHours(LocalTime start, LocalTime end) {
    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw ValidationException.of("quietHours", "empty_window", "needs a window: start equals end");
        }
    }

    public static QuietHours between(LocalTime start, LocalTime end) {
        return new QuietHours(start, end);
    }

    /** When a message queued at {@code now} may go out in {@code zone}: empty if right away. */
    public Optional<Instant> deferral(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean quiet = start.isBefore(end)
                ? !t.isBefore(start) && t.isBefore(end)
                : !t.isBefore(start) || t.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime endToday = local.with(end);
        ZonedDateTime until = endToday.isAfter(local) ? endToday : local.plusDays(1).with(end);
        return Optional.of(until.toInstant());
    }
}
