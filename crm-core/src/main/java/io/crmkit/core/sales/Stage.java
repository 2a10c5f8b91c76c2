package io.crmkit.core.sales;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One step of a {@link Pipeline}: its code (what opportunities store), a name for people, the default
 * probability of winning from it (0 to 1, at most 4 decimals), its forecast category, and how many working days an
 * opportunity may stay in it before it counts as stale (0: never). Only the pipeline's builder validates stages,
 * so that every problem of a pipeline is reported at once. Immutable.
 *
 * <p>The probability is kept with 4 decimals ({@code 0.1} is {@code 0.1000}), the form storage gives back.
 *
 * @param code                  the stage's code, unique in its pipeline: lower-case letters, digits, {@code _} and {@code -}
 * @param name                  the stage's name, 1 to {@link Pipeline#MAX_NAME} characters
 * @param probability           the default probability of winning an opportunity in this stage
 * @param category              how the stage counts in the forecast
 * @param staleAfterWorkingDays working days in this stage after which an opportunity is stale; 0 for no limit
 */
public record Stage(String code, String name, BigDecimal probability, ForecastCategory category, int staleAfterWorkingDays) {
    /** Decimals of a probability. */
    public static final int PROBABILITY_SCALE = 4;

    public Stage {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probability, "probability");
        Objects.requireNonNull(category, "category");
        if (probability.stripTrailingZeros().scale() <= PROBABILITY_SCALE) {
            probability = probability.setScale(PROBABILITY_SCALE, java.math.RoundingMode.UNNECESSARY);
        }
    }

    /** A stage without a staleness limit; {@code probability} as written, such as {@code 0.4}. */
    public static Stage of(String code, String name, double probability, ForecastCategory category) {
        return new Stage(code, name, BigDecimal.valueOf(probability), category, 0);
    }

    /** The same stage, stale after {@code days} working days in it. */
    public Stage staleAfter(int days) {
        return new Stage(code, name, probability, category, days);
    }

    /** Whether an opportunity in this stage is closed. */
    public boolean isClosed() {
        return category.isClosed();
    }
}
