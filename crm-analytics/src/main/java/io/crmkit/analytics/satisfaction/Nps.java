package io.crmkit.analytics.satisfaction;

import io.crmkit.core.satisfaction.SurveyKind;

/**
 * Net promoter score: the percentage of promoters (9-10) minus the percentage of detractors (0-6);
 * passives (7-8) count in the denominator. From -100 to 100.
 *
 * @param score         the NPS, -100 to 100
 * @param promoters     share of promoters, 0 to 1
 * @param passives      share of passives, 0 to 1
 * @param detractors    share of detractors, 0 to 1
 * @param count         number of responses
 * @param marginOfError half-width of the 95% confidence interval of the score, in NPS points:
 *                      {@code 1.96 * 100 * sqrt((p + d - (p - d)^2) / n)}
 */
public record Nps(double score, double promoters, double passives, double detractors, long count,
                  double marginOfError) {
    /** NPS from a distribution on the 0-10 scale. */
    public static Nps of(ScoreDistribution d) {
        Metrics.requireScale(d, SurveyKind.NPS);
        double p = d.share(9, 10);
        double pa = d.share(7, 8);
        double de = d.share(0, 6);
        double variance = (p + de - (p - de) * (p - de)) / d.count();
        return new Nps(100 * (p - de), p, pa, de, d.count(), Metrics.Z95 * 100 * Math.sqrt(variance));
    }

    /** The 95% confidence interval of the score. */
    public Interval interval() {
        return new Interval(score - marginOfError, score + marginOfError);
    }
}
