package io.crmkit.core.sales;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How well a pipeline's stage probabilities predicted the outcomes of the closed opportunities the actor may read:
 * per open stage the calibrated win rate ({@link StageCalibration}), and the Brier score of every probability the
 * closed opportunities had when they entered an open stage (0 is perfect; always saying 0.5 scores 0.25).
 * Immutable.
 *
 * @param pipelineCode the pipeline
 * @param priorWeight  {@code k}: how many opportunities the default probability of a stage is worth
 * @param stages       the open stages in pipeline order
 * @param brierScore   over every entry into an open stage by a closed opportunity; empty without any
 */
public record Calibration(String pipelineCode, double priorWeight, List<StageCalibration> stages, OptionalDouble brierScore) {
    public Calibration {
        Objects.requireNonNull(pipelineCode, "pipelineCode");
        stages = List.copyOf(stages);
        Objects.requireNonNull(brierScore, "brierScore");
    }
}
