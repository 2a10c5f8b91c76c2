package io.crmkit.analytics.prediction;

import io.crmkit.core.ValidationException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The period purchase histories are summarised over: the days {@code first} to {@code last}, both
 * included, taken in {@code zone}, measured in units of {@code daysPerUnit} days. All purchases of a
 * customer on one day count as one transaction, as in Fader, Hardie and Lee's data preparation.
 *
 * @param first       first day of the period
 * @param last        last day of the period; the models' "now"
 * @param zone        the time zone that decides which day a purchase falls on
 * @param daysPerUnit days per time unit: 7 for weeks
 */
public record CalibrationPeriod(LocalDate first, LocalDate last, ZoneId zone, int daysPerUnit) {
    public CalibrationPeriod {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(zone, "zone");
        if (last.isBefore(first)) {
            throw ValidationException.of("last", "range", "must not be before " + first + " but was " + last);
        }
        if (daysPerUnit < 1) {
            throw ValidationException.of("daysPerUnit", "range", "must be 1 or more but was " + daysPerUnit);
        }
    }

    /** A period measured in weeks. */
    public static CalibrationPeriod weeks(LocalDate first, LocalDate last, ZoneId zone) {
        return new CalibrationPeriod(first, last, zone, 7);
    }

    /** A period measured in days. */
    public static CalibrationPeriod days(LocalDate first, LocalDate last, ZoneId zone) {
        return new CalibrationPeriod(first, last, zone, 1);
    }
}
