package io.crmkit.core.sales;

import io.crmkit.core.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of the sales pipeline: the pipelines opportunities may be in, which one new opportunities go to
 * by default, and the prior weight of the calibrated win rates. {@link #DEFAULT} holds {@link Pipeline#DEFAULT} only; a host replaces it by giving a pipeline with
 * the code {@value Pipeline#DEFAULT_CODE}, or adds others. Given to {@code Crm.builder().sales(...)}. Immutable.
 *
 * <pre>{@code
 * SalesSettings settings = SalesSettings.builder().pipeline(projects).defaultPipeline("projects").build();
 * }</pre>
 */
public final class SalesSettings {
    /** The default pipeline only. */
    public static final SalesSettings DEFAULT = builder().build();

    /** The prior weight unless set: a stage's default probability counts as much as 10 closed opportunities. */
    public static final double DEFAULT_PRIOR_WEIGHT = 10;
    /** The largest prior weight. */
    public static final double MAX_PRIOR_WEIGHT = 1_000_000;

    private final List<Pipeline> pipelines;
    private final double priorWeight;

    private SalesSettings(List<Pipeline> pipelines, double priorWeight) {
        this.pipelines = List.copyOf(pipelines);
        this.priorWeight = priorWeight;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pipelines, the default one first. */
    public List<Pipeline> pipelines() {
        return pipelines;
    }

    /** Where new opportunities go unless they name a pipeline. */
    public Pipeline defaultPipeline() {
        return pipelines.get(0);
    }

    /** {@code k} of the calibrated win rates: how many closed opportunities a stage's default probability is worth. */
    public double priorWeight() {
        return priorWeight;
    }

    @Override
    public String toString() {
        return "SalesSettings" + pipelines + ", prior weight " + priorWeight;
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        private String defaultPipeline = Pipeline.DEFAULT_CODE;
        private double priorWeight = DEFAULT_PRIOR_WEIGHT;

        private Builder() {
            pipelines.put(Pipeline.DEFAULT_CODE, Pipeline.DEFAULT);
        }

        /** Adds a pipeline, replacing the one with its code (the default pipeline too). */
        public Builder pipeline(Pipeline pipeline) {
            Objects.requireNonNull(pipeline, "pipeline");
            pipelines.put(pipeline.code(), pipeline);
            return this;
        }

        /** The code of the pipeline new opportunities go to unless they name one. Default: {@value Pipeline#DEFAULT_CODE}. */
        public Builder defaultPipeline(String code) {
            this.defaultPipeline = Objects.requireNonNull(code, "code");
            return this;
        }

        /**
         * {@code k} of the calibrated win rates ({@link StageCalibration}): more than 0, at most
         * {@value #MAX_PRIOR_WEIGHT}. Default: {@value #DEFAULT_PRIOR_WEIGHT}.
         */
        public Builder priorWeight(double k) {
            this.priorWeight = k;
            return this;
        }

        /** @throws io.crmkit.core.ValidationException if the default pipeline is not one of the pipelines, or the prior weight is out of range */
        public SalesSettings build() {
            Checks checks = new Checks();
            Pipeline first = pipelines.get(defaultPipeline);
            checks.require(first != null, "defaultPipeline", "unknown_pipeline",
                    "names no configured pipeline: " + defaultPipeline + "; configured are " + pipelines.keySet());
            checks.require(priorWeight > 0 && priorWeight <= MAX_PRIOR_WEIGHT, "priorWeight", "range",
                    "must be more than 0 and at most " + (long) MAX_PRIOR_WEIGHT);
            checks.throwIfAny();
            List<Pipeline> ordered = new ArrayList<>();
            ordered.add(Objects.requireNonNull(first, "first")); // null only with a violation
            pipelines.values().stream().filter(p -> p != first).forEach(ordered::add);
            return new SalesSettings(ordered, priorWeight);
        }
    }
}
