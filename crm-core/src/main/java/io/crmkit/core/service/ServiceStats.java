package io.crmkit.core.service;

import io.crmkit.core.security.DepartmentRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Service figures of the cases created in {@code [from, to)} that the actor may read ({@code crm.cases().stats(from,
 * to)}): first-response and resolution times in working time of each case's policy calendar (the default calendar
 * for a case without a policy), and how many service-level targets were met, overall and per department of the
 * assignee. Computed as at the moment of asking.
 *
 * @param from         the start of the period, inclusive
 * @param to           its end, exclusive
 * @param all          the figures of every case in the period
 * @param byDepartment the figures of the cases assigned to each department; cases without one count in {@code all}
 *                     only
 */
public record ServiceStats(Instant from, Instant to, Figures all, Map<DepartmentRef, Figures> byDepartment) {
    public ServiceStats {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(all, "all");
        byDepartment = Map.copyOf(byDepartment);
    }

    /**
     * The figures of one group of cases.
     *
     * @param cases           how many cases
     * @param firstResponse   working time from creation to the first response, of the cases that had one
     * @param resolution      working time from creation to RESOLVED or CLOSED (a reopened case: to its latest
     *                        resolution, without the time it spent resolved), of the cases in one of those now
     * @param metricsMet      service-level clocks that stopped within their target
     * @param metricsBreached clocks that missed their target, stopped or still running
     */
    public record Figures(long cases, DurationStats firstResponse, DurationStats resolution, long metricsMet,
                          long metricsBreached) {
        public Figures {
            Objects.requireNonNull(firstResponse, "firstResponse");
            Objects.requireNonNull(resolution, "resolution");
        }

        /** The share of decided clocks (met or breached) that were met, 0 to 1; empty when none is decided. */
        public OptionalDouble attainment() {
            long decided = metricsMet + metricsBreached;
            return decided == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) metricsMet / decided);
        }
    }

    /**
     * A distribution of durations.
     *
     * @param count  how many were measured; the others are zero when it is
     * @param mean   the arithmetic mean, to the nanosecond
     * @param median the middle value; the mean of the two middle ones for an even count
     * @param p90    the 90th percentile by nearest rank: the smallest value at least 90 % of the values do not exceed
     */
    public record DurationStats(long count, Duration mean, Duration median, Duration p90) {
        /** Nothing measured. */
        public static final DurationStats NONE = new DurationStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

        public DurationStats {
            Objects.requireNonNull(mean, "mean");
            Objects.requireNonNull(median, "median");
            Objects.requireNonNull(p90, "p90");
        }
    }
}
