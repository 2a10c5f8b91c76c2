package io.crmkit.core.sales;

import java.util.Objects;

/**
 * What became of the closed opportunities that passed through one stage, as storage counts it for
 * {@link OpportunityService#calibration}: how many closed opportunities entered the stage (each once, however often
 * it entered), how many of them were won, and over every entry into the stage by a closed opportunity, the
 * number of entries and the sum of squared differences between the probability it had then and its outcome
 * (1 won, 0 lost).
 *
 * @param stageCode     the stage
 * @param closed        closed opportunities that entered it
 * @param won           of them, those won
 * @param forecasts     entries into the stage by closed opportunities
 * @param squaredErrors the sum over those entries of (probability − outcome)²
 */
public record StageOutcome(String stageCode, long closed, long won, long forecasts, double squaredErrors) {
    public StageOutcome {
        Objects.requireNonNull(stageCode, "stageCode");
    }
}
