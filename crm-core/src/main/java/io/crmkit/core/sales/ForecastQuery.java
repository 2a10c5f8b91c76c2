package io.crmkit.core.sales;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a forecast sums: opportunities expected to close in {@code [closeFrom, closeTo)} (either end open), in one
 * pipeline or all, by month or quarter of their expected close date, and by owner, by department or not at all.
 * Immutable: {@code ForecastQuery.byQuarter().byOwner().closingBetween(jan1, jan1.plusYears(1))}.
 *
 * @param period    the length of a forecast period
 * @param groupBy   whose sums the rows hold
 * @param pipeline  only opportunities of this pipeline
 * @param closeFrom expected to close on or after this date
 * @param closeTo   expected to close before this date
 */
public record ForecastQuery(Period period, Grouping groupBy, Optional<String> pipeline, Optional<LocalDate> closeFrom,
                            Optional<LocalDate> closeTo) {
    /** The length of a forecast period: a calendar month or quarter of the expected close date. */
    public enum Period {
        MONTH,
        QUARTER;

        /** The first day of the period {@code date} is in. */
        public LocalDate start(LocalDate date) {
            int month = this == MONTH ? date.getMonthValue() : (date.getMonthValue() - 1) / 3 * 3 + 1;
            return LocalDate.of(date.getYear(), month, 1);
        }
    }

    /** Whose sums a forecast row holds. */
    public enum Grouping {
        /** Everyone's together. */
        NONE,
        /** Each owner's. */
        OWNER,
        /** Each department's (opportunities without one together). */
        DEPARTMENT,
        /** Each owner's within each department: the finest, as weekly snapshots keep it. */
        OWNER_AND_DEPARTMENT;

        /** Whether rows of this grouping name their owner. */
        public boolean byOwner() {
            return this == OWNER || this == OWNER_AND_DEPARTMENT;
        }

        /** Whether rows of this grouping name their department. */
        public boolean byDepartment() {
            return this == DEPARTMENT || this == OWNER_AND_DEPARTMENT;
        }
    }

    public ForecastQuery {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(closeFrom, "closeFrom");
        Objects.requireNonNull(closeTo, "closeTo");
    }

    /** Every opportunity by month, not grouped. */
    public static ForecastQuery byMonth() {
        return new ForecastQuery(Period.MONTH, Grouping.NONE, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Every opportunity by quarter, not grouped. */
    public static ForecastQuery byQuarter() {
        return new ForecastQuery(Period.QUARTER, Grouping.NONE, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ForecastQuery byOwner() {
        return new ForecastQuery(period, Grouping.OWNER, pipeline, closeFrom, closeTo);
    }

    public ForecastQuery byDepartment() {
        return new ForecastQuery(period, Grouping.DEPARTMENT, pipeline, closeFrom, closeTo);
    }

    public ForecastQuery byOwnerAndDepartment() {
        return new ForecastQuery(period, Grouping.OWNER_AND_DEPARTMENT, pipeline, closeFrom, closeTo);
    }

    public ForecastQuery pipeline(String code) {
        return new ForecastQuery(period, groupBy, Optional.of(code), closeFrom, closeTo);
    }

    /** Opportunities expected to close in {@code [from, to)}. */
    public ForecastQuery closingBetween(LocalDate from, LocalDate to) {
        return new ForecastQuery(period, groupBy, pipeline, Optional.of(from), Optional.of(to));
    }

    /** Whether the opportunity is summed (access aside): the meaning storage implements. */
    public boolean matches(Opportunity o) {
        return pipeline.map(p -> p.equals(o.pipelineCode())).orElse(true)
                && closeFrom.map(f -> !o.expectedClose().isBefore(f)).orElse(true)
                && closeTo.map(t -> o.expectedClose().isBefore(t)).orElse(true);
    }
}
