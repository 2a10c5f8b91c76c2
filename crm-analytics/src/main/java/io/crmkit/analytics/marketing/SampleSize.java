package io.crmkit.analytics.marketing;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How many members each of two variants needs for the two-proportion z-test to detect a change of the response rate
 * from {@code baseline} to {@code baseline + effect} with a two-sided significance level {@code alpha} and the given
 * power (Fleiss, without continuity correction):
 * {@code n = (z(1-α/2) sqrt(2 p̄ (1-p̄)) + z(power) sqrt(p1 (1-p1) + p2 (1-p2)))² / effect²}, {@code p̄ = (p1 + p2) / 2},
 * rounded up. For a baseline of 10 %, an effect of 2 points, α 0.05 and power 0.8 it is 3841.
 */
public final class SampleSize {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private SampleSize() {
    }

    /**
     * @param baseline the response rate without the change, in (0, 1)
     * @param effect   the smallest change worth detecting, in rate points (0.02 for 2 points); baseline + effect in (0, 1)
     * @param alpha    the significance level, in (0, 1)
     * @param power    the chance to detect the effect if it is there, in (0, 1)
     * @throws io.crmkit.core.ValidationException naming every value out of range
     */
    public static long perVariant(double baseline, double effect, double alpha, double power) {
        io.crmkit.core.Checks checks = new io.crmkit.core.Checks();
        checks.require(baseline > 0 && baseline < 1, "baseline", "range", "must be between 0 and 1");
        checks.require(effect != 0 && baseline + effect > 0 && baseline + effect < 1, "effect", "range",
                "must not be 0, and baseline + effect must be between 0 and 1");
        checks.require(alpha > 0 && alpha < 1, "alpha", "range", "must be between 0 and 1");
        checks.require(power > 0 && power < 1, "power", "range", "must be between 0 and 1");
        checks.throwIfAny();
        double p1 = baseline;
        double p2 = baseline + effect;
        double mean = (p1 + p2) / 2;
        double za = STANDARD.inverseCumulativeProbability(1 - alpha / 2);
        double zb = STANDARD.inverseCumulativeProbability(power);
        double root = za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long) Math.ceil(root * root / (effect * effect));
    }
}
