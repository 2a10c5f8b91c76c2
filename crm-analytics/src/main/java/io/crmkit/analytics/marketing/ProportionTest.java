package io.crmkit.analytics.marketing;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-proportion z-test of whether two variants' response rates differ: with {@code x1} of {@code n1} and
 * {@code x2} of {@code n2} responding, the pooled rate {@code p = (x1 + x2) / (n1 + n2)}, the standard error
 * {@code sqrt(p (1 - p) (1/n1 + 1/n2))}, {@code z = (x2/n2 - x1/n1) / se} and the two-sided p-value
 * {@code 2 (1 - Φ(|z|))}. The normal approximation wants a few responses and non-responses in each group (at least
 * about 5 of each).
 *
 * @param rate1  the first group's rate
 * @param rate2  the second group's rate
 * @param z      the test statistic; positive when the second rate is higher
 * @param pValue the two-sided p-value
 */
public record ProportionTest(double rate1, double rate2, double z, double pValue) {
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    /** @throws io.crmkit.core.ValidationException for empty groups, or more responses than members */
    public static ProportionTest of(long x1, long n1, long x2, long n2) {
        if (n1 < 1 || n2 < 1 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
            throw io.crmkit.core.ValidationException.of("counts", "range",
                    "need 0 <= x <= n and n >= 1 in each group: " + x1 + "/" + n1 + ", " + x2 + "/" + n2);
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return new ProportionTest(p1, p2, 0, 1);
        }
        double z = (p2 - p1) / se;
        return new ProportionTest(p1, p2, z, 2 * STANDARD.cumulativeProbability(-Math.abs(z)));
    }

    /** The test of two variants' results: responses among those sent to. */
    public static ProportionTest of(VariantResult a, VariantResult b) {
        return of(a.responded(), a.sent(), b.responded(), b.sent());
    }

    /** Whether the difference is significant at {@code alpha} (two-sided). */
    public boolean significantAt(double alpha) {
        return pValue < alpha;
    }
}
