package io.crmkit.core.sales;

import io.crmkit.core.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of the sales pipeline: the pipelines opportunities may be in, and which one new opportunities go to
 * by default. {@link #DEFAULT} holds {@link Pipeline#DEFAULT} only; a host replaces it by giving a pipeline with
 * the code {@value Pipeline#DEFAULT_CODE}, or adds others. Given to {@code Crm.builder().sales(...)}. Immutable.
 *
 * <pre>{@code
 * SalesSettings settings = SalesSettings.builder().pipeline(projects).defaultPipeline("projects").build();
 * }</pre>
 */
public final class SalesSettings {
    /** The default pipeline only. */
    public static final SalesSettings DEFAULT = builder().build();

    private final List<Pipeline> pipelines;

    private SalesSettings(List<Pipeline> pipelines) {
        this.pipelines = List.copyOf(pipelines);
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

    @Override
    public String toString() {
        return "SalesSettings" + pipelines;
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
        private String defaultPipeline = Pipeline.DEFAULT_CODE;

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

        /** @throws io.crmkit.core.ValidationException if the default pipeline is not one of the pipelines */
        public SalesSettings build() {
            Checks checks = new Checks();
            Pipeline first = pipelines.get(defaultPipeline);
            checks.require(first != null, "defaultPipeline", "unknown_pipeline",
                    "names no configured pipeline: " + defaultPipeline + "; configured are " + pipelines.keySet());
            checks.throwIfAny();
            List<Pipeline> ordered = new ArrayList<>();
            ordered.add(Objects.requireNonNull(first, "first")); // null only with a violation
            pipelines.values().stream().filter(p -> p != first).forEach(ordered::add);
            return new SalesSettings(ordered);
        }
    }
}
