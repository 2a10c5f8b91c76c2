package io.crmkit.core.sales;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One stage's win rate as the closed opportunities that passed through it show it, shrunk toward the stage's
 * default probability: the posterior mean of a Beta prior worth {@code k} opportunities at the default
 * probability {@code p0}, {@code (won + k·p0) / (closed + k)}. With no closed opportunities it is {@code p0}; the
 * more there are, the closer it comes to {@code won / closed}.
 *
 * @param stageCode          the stage
 * @param defaultProbability the stage's configured probability {@code p0}
 * @param closed             closed opportunities that entered the stage
 * @param won                of them, those won
 * @param calibrated         the posterior mean win rate
 * @param forecasts          entries into the stage by closed opportunities
 * @param brierScore         the mean of (probability at entry − outcome)² over those entries; empty without any
 */
public record StageCalibration(String stageCode, BigDecimal defaultProbability, long closed, long won, double calibrated,
                               long forecasts, OptionalDouble brierScore) {
    public StageCalibration {
        Objects.requireNonNull(stageCode, "stageCode");
        Objects.requireNonNull(defaultProbability, "defaultProbability");
        Objects.requireNonNull(brierScore, "brierScore");
    }

    /** The win rate of a stage with {@code outcome} and a prior worth {@code k} opportunities at {@code p0}. */
    public static StageCalibration of(Stage stage, StageOutcome outcome, double k) {
        double p0 = stage.probability().doubleValue();
        double posterior = (outcome.won() + k * p0) / (outcome.closed() + k);
        OptionalDouble brier = outcome.forecasts() == 0 ? OptionalDouble.empty()
                : OptionalDouble.of(outcome.squaredErrors() / outcome.forecasts());
        return new StageCalibration(stage.code(), stage.probability(), outcome.closed(), outcome.won(), posterior,
                outcome.forecasts(), brier);
    }
}
