package io.crmkit.analytics.satisfaction;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** The length of a trend's periods. */
public enum Granularity {
    /** ISO weeks, Monday to Sunday. */
    WEEK,
    /** Calendar months. */
    MONTH;

    /** The first day of the period containing {@code date}. */
    public LocalDate periodStart(LocalDate date) {
        return this == WEEK ? date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : date.withDayOfMonth(1);
    }

    /** The first day of the period after the one starting at {@code periodStart}. */
    public LocalDate next(LocalDate periodStart) {
        return this == WEEK ? periodStart.plusWeeks(1) : periodStart.plusMonths(1);
    }

    /** Whole periods from the period starting at {@code from} to the one starting at {@code to}. */
    public long between(LocalDate from, LocalDate to) {
        return this == WEEK ? ChronoUnit.WEEKS.between(from, to) : ChronoUnit.MONTHS.between(from, to);
    }
}
