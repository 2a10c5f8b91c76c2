package io.crmkit.analytics.satisfaction;

import io.crmkit.core.ValidationException;
import io.crmkit.core.satisfaction.SurveyKind;

final class Metrics {
    /** The standard normal quantile for a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    private Metrics() {
    }

    static void requireScale(ScoreDistribution d, SurveyKind kind) {
        if (d.min() != kind.min() || d.max() != kind.max()) {
            throw ValidationException.of("scale", "mismatch", kind + " needs the scale " + kind.min() + ".."
                    + kind.max() + " but the distribution is " + d.min() + ".." + d.max());
        }
    }
}
