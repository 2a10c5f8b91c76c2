package io.crmkit.analytics.satisfaction;

import io.crmkit.core.ValidationException;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.StatisticalSummaryValues;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Two slices of responses on the same scale compared: is the difference in mean (Welch's t-test) or in
 * location (Mann-Whitney U test) larger than chance would make it?
 *
 * @param first              the first slice
 * @param second             the second slice
 * @param meanDifference     mean of the second minus mean of the first
 * @param welchT             Welch's t statistic (first minus second)
 * @param welchDegreesOfFreedom Welch-Satterthwaite degrees of freedom
 * @param welchP             two-sided p-value of Welch's t-test
 * @param mannWhitneyU       the U statistic of the first slice: pairs where the first is greater, ties counting half
 * @param mannWhitneyZ       the normal approximation's z, with the correction for ties
 * @param mannWhitneyP       two-sided p-value of the Mann-Whitney test (normal approximation, tie-corrected)
 */
public record Comparison(ScoreDistribution first, ScoreDistribution second, double meanDifference, double welchT,
                         double welchDegreesOfFreedom, double welchP, double mannWhitneyU, double mannWhitneyZ,
                         double mannWhitneyP) {

    /**
     * Compares two distributions on the same scale; each needs at least two responses.
     *
     * @throws ValidationException if the scales differ or a side has fewer than two responses
     */
    public static Comparison of(ScoreDistribution first, ScoreDistribution second) {
        if (first.min() != second.min() || first.max() != second.max()) {
            throw ValidationException.of("scale", "mismatch", "cannot compare scale " + first.min() + ".." + first.max()
                    + " with " + second.min() + ".." + second.max());
        }
        if (first.count() < 2 || second.count() < 2) {
            throw ValidationException.of("count", "too_few", "each side needs at least 2 responses but had "
                    + first.count() + " and " + second.count());
        }
        double n1 = first.count();
        double n2 = second.count();
        double v1 = first.variance() / n1;
        double v2 = second.variance() / n2;
        double t = (first.mean() - second.mean()) / Math.sqrt(v1 + v2);
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        double p;
        if (v1 + v2 == 0) {
            t = first.mean() == second.mean() ? 0 : Math.copySign(Double.POSITIVE_INFINITY, first.mean() - second.mean());
            df = n1 + n2 - 2;
            p = first.mean() == second.mean() ? 1 : 0;
        } else {
            p = new TTest().tTest(summary(first), summary(second));
        }

        // Mann-Whitney from counts: every tie group shares its mid-rank.
        long[] a = first.rawCounts();
        long[] b = second.rawCounts();
        double rankSumFirst = 0;
        double below = 0;
        double tieTerm = 0;
        for (int i = 0; i < a.length; i++) {
            double tie = (double) a[i] + b[i];
            if (tie == 0) {
                continue;
            }
            double midRank = below + (tie + 1) / 2;
            rankSumFirst += a[i] * midRank;
            tieTerm += tie * tie * tie - tie;
            below += tie;
        }
        double n = n1 + n2;
        double u = rankSumFirst - n1 * (n1 + 1) / 2;
        double meanU = n1 * n2 / 2;
        double varU = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
        double z;
        double pU;
        if (varU <= 0) {
            z = 0;
            pU = 1;
        } else {
            z = (u - meanU) / Math.sqrt(varU);
            pU = Math.min(1, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-Math.abs(z)));
        }
        return new Comparison(first, second, second.mean() - first.mean(), t, df, p, u, z, pU);
    }

    /** Whether Welch's test finds the means different at {@code alpha} (for example 0.05). */
    public boolean meansDiffer(double alpha) {
        return welchP < alpha;
    }

    private static StatisticalSummaryValues summary(ScoreDistribution d) {
        return new StatisticalSummaryValues(d.mean(), d.variance(), d.count(), d.max(), d.min(), d.mean() * d.count());
    }
}
