package io.crmkit.analytics.satisfaction;

import io.crmkit.core.satisfaction.SurveyKind;

/**
 * Customer satisfaction score: the share of satisfied answers (4 or 5 on the 1-5 scale).
 *
 * @param share          satisfied / all, 0 to 1
 * @param count          number of responses
 * @param marginOfError  half-width of the 95% confidence interval of the share (normal approximation)
 */
public record Csat(double share, long count, double marginOfError) {
    /** CSAT from a distribution on the 1-5 scale. */
    public static Csat of(ScoreDistribution d) {
        Metrics.requireScale(d, SurveyKind.CSAT);
        double p = d.share(4, 5);
        return new Csat(p, d.count(), Metrics.Z95 * Math.sqrt(p * (1 - p) / d.count()));
    }

    /** The share as a percentage, 0 to 100. */
    public double percent() {
        return share * 100;
    }
}
