package io.crmkit.analytics.value;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * Retention by cohort of first-purchase month.
 *
 * @param cohorts one per month in which some customer made their first purchase, oldest first
 */
public record CohortRetention(List<Cohort> cohorts) {
    public CohortRetention {
        cohorts = List.copyOf(cohorts);
    }

    /**
     * The customers who first bought in one month.
     *
     * @param month     the month of their first purchase
     * @param customers how many customers
     * @param active    for each month since (index 0 is the cohort month itself, always all of them), how
     *                  many of them made a purchase, up to the last month with any purchase
     */
    public record Cohort(YearMonth month, int customers, List<Integer> active) {
        public Cohort {
            Objects.requireNonNull(month, "month");
            active = List.copyOf(active);
        }

        /** The share of the cohort that bought {@code monthsLater} months after the cohort month; 0 beyond the data. */
        public double retention(int monthsLater) {
            return monthsLater < 0 || monthsLater >= active.size() ? 0 : (double) active.get(monthsLater) / customers;
        }
    }
}
