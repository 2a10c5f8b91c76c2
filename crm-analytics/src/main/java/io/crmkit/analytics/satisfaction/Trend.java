package io.crmkit.analytics.satisfaction;

import java.util.List;

/**
 * Scores per period with a least-squares line through every response (x = period index, y = score).
 * The slope is the change of the mean score per period; its p-value tests slope = 0 with Student's t
 * on n - 2 degrees of freedom, n being the number of responses. Periods without responses are left out
 * of {@link #points()} but still count in the index.
 *
 * @param granularity    week or month
 * @param points         periods with at least one response, oldest first
 * @param slope          change in mean score per period; {@code NaN} with fewer than two periods
 * @param slopeStandardError standard error of the slope
 * @param intercept      fitted score at index 0
 * @param pValue         two-sided p-value of the slope
 */
public record Trend(Granularity granularity, List<TrendPoint> points, double slope, double slopeStandardError,
                    double intercept, double pValue) {
    public Trend {
        points = List.copyOf(points);
    }

    /** Whether the slope differs from zero at significance level {@code alpha} (for example 0.05). */
    public boolean isSignificant(double alpha) {
        return pValue < alpha;
    }
}
