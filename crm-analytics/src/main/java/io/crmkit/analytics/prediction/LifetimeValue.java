package io.crmkit.analytics.prediction;

import io.crmkit.core.ValidationException;
import java.util.Objects;

/**
 * Customer lifetime value from a purchase-count model and a spend model: the expected value of the
 * purchases in each step of the horizon, discounted per step, summed. Immutable and thread-safe.
 *
 * <pre>{@code
 * // 12 months of 4.35 weeks at 1% per month
 * LifetimeValue clv = LifetimeValue.of(bgnbd, gammaGamma, 12, 4.35, 0.01);
 * double value = clv.of(customer);
 * }</pre>
 *
 * @param purchases    the purchase-count model
 * @param spend        the spend model
 * @param steps        number of discounting steps in the horizon
 * @param unitsPerStep model time units per step (4.35 weeks per month)
 * @param discountRate discount rate per step, 0 or more
 */
public record LifetimeValue(BgNbdModel purchases, GammaGammaModel spend, int steps, double unitsPerStep,
                           double discountRate) {
    public LifetimeValue {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        if (steps < 1) {
            throw ValidationException.of("steps", "range", "must be 1 or more but was " + steps);
        }
        if (!(unitsPerStep > 0) || Double.isInfinite(unitsPerStep)) {
            throw ValidationException.of("unitsPerStep", "range", "must be positive but was " + unitsPerStep);
        }
        if (!(discountRate >= 0) || Double.isInfinite(discountRate)) {
            throw ValidationException.of("discountRate", "range", "must be 0 or more but was " + discountRate);
        }
    }

    public static LifetimeValue of(BgNbdModel purchases, GammaGammaModel spend, int steps, double unitsPerStep,
                                   double discountRate) {
        return new LifetimeValue(purchases, spend, steps, unitsPerStep, discountRate);
    }

    /** The discounted expected value of the customer's purchases over the horizon. */
    public double of(CustomerSummary customer) {
        double value = spend.expectedAverageValue(customer);
        double total = 0;
        double before = 0;
        for (int i = 1; i <= steps; i++) {
            double upTo = purchases.expectedPurchases(customer, i * unitsPerStep);
            total += value * (upTo - before) / Math.pow(1 + discountRate, i);
            before = upTo;
        }
        return total;
    }
}
