package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.util.Objects;

/**
 * The sentiment of a text.
 *
 * @param polarity positive, negative, or neutral when there is no evidence
 * @param score    from -1 (clearly negative) to 1 (clearly positive); its sign agrees with the polarity
 *                 and it is 0 exactly when neutral
 */
public record Sentiment(Polarity polarity, double score) {
    public Sentiment {
        Objects.requireNonNull(polarity, "polarity");
        if (!(score >= -1 && score <= 1)) {
            throw ValidationException.of("score", "range", "must be between -1 and 1 but was " + score);
        }
    }

    /** The sentiment a score implies: positive above 0, negative below, neutral at 0. */
    public static Sentiment ofScore(double score) {
        double s = Math.max(-1, Math.min(1, score));
        return new Sentiment(s > 0 ? Polarity.POSITIVE : s < 0 ? Polarity.NEGATIVE : Polarity.NEUTRAL, s);
    }

    public boolean isPositive() {
        return polarity == Polarity.POSITIVE;
    }
}
