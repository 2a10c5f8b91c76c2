package io.crmkit.core.internal.sales;

import io.crmkit.core.ValidationException;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.sales.Pipeline;
import io.crmkit.core.sales.SalesSettings;
import java.util.List;
import java.util.Optional;

/** The sales settings of one Crm, found by the opportunity services through {@code engine.component(...)}. */
public final class SalesConfig implements Engine.Component {
    private final SalesSettings settings;

    private SalesConfig(SalesSettings settings) {
        this.settings = settings;
    }

    /** Registers the settings with the engine; from {@code CrmBuilder.build()}. */
    public static SalesConfig install(Engine engine, SalesSettings settings) {
        return engine.register(SalesConfig.class, new SalesConfig(settings));
    }

    List<Pipeline> pipelines() {
        return settings.pipelines();
    }

    double priorWeight() {
        return settings.priorWeight();
    }

    Pipeline defaultPipeline() {
        return settings.defaultPipeline();
    }

    Optional<Pipeline> pipeline(String code) {
        return settings.pipelines().stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /**
     * The pipeline of a stored opportunity.
     *
     * @throws IllegalStateException if the host removed it from the settings
     */
    Pipeline pipelineOf(String code, Object subject) {
        return pipeline(code).orElseThrow(() -> new IllegalStateException(subject + " is in pipeline " + code
                + ", which is not configured (configured: " + settings.pipelines().stream().map(Pipeline::code).toList() + ")"));
    }

    /** @throws ValidationException on {@code pipeline} if there is no pipeline with this code */
    Pipeline requirePipeline(String code) {
        return pipeline(code).orElseThrow(() -> ValidationException.of("pipeline", "unknown_pipeline",
                "names no configured pipeline: " + code));
    }

    @Override
    public void close() {
    }
}
