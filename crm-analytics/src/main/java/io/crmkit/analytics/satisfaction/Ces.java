package io.crmkit.analytics.satisfaction;

import io.crmkit.core.satisfaction.SurveyKind;

/**
 * Customer effort score: the mean answer on the 1-7 scale (lower is easier).
 *
 * @param mean           mean effort
 * @param count          number of responses
 * @param meanInterval95 95% confidence interval of the mean (t distribution)
 */
public record Ces(double mean, long count, Interval meanInterval95) {
    /** CES from a distribution on the 1-7 scale. */
    public static Ces of(ScoreDistribution d) {
        Metrics.requireScale(d, SurveyKind.CES);
        return new Ces(d.mean(), d.count(), d.meanInterval());
    }
}
