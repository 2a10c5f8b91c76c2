package io.crmkit.analytics.satisfaction;

/**
 * A confidence interval {@code [lower, upper]}. Both bounds are {@code NaN} when there were too few
 * observations to estimate it.
 */
public record Interval(double lower, double upper) {
    /** Half the width: the margin of error around the estimate. */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
