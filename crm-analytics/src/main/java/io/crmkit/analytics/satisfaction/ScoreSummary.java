package io.crmkit.analytics.satisfaction;

import java.util.Map;

/**
 * The headline statistics of a {@link ScoreDistribution}.
 *
 * @param count             number of responses
 * @param mean              mean score
 * @param median            exact median
 * @param standardDeviation sample standard deviation
 * @param meanInterval95    95% confidence interval of the mean (t distribution)
 * @param counts            responses per score, every scale point in ascending order
 */
public record ScoreSummary(long count, double mean, double median, double standardDeviation,
                           Interval meanInterval95, Map<Integer, Long> counts) {
    public ScoreSummary {
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    }
}
