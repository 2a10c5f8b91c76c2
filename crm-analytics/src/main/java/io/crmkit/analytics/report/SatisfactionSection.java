package io.crmkit.analytics.report;

import io.crmkit.analytics.satisfaction.ScoreDistribution;
import io.crmkit.analytics.satisfaction.Trend;
import io.crmkit.core.satisfaction.SurveyKind;
import java.util.Objects;

/**
 * One kind of survey in the report.
 *
 * @param kind         CSAT, NPS or CES
 * @param distribution the responses in the report's slice
 * @param trend        the same responses per period
 */
public record SatisfactionSection(SurveyKind kind, ScoreDistribution distribution, Trend trend) {
    public SatisfactionSection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(distribution, "distribution");
        Objects.requireNonNull(trend, "trend");
    }
}
