package io.crmkit.core.internal.policy;

import io.crmkit.core.internal.Engine;
import io.crmkit.core.policy.PolicySettings;

/** The policy settings of one Crm, found by the policy services through {@code engine.component(...)}. */
public final class PolicyConfig implements Engine.Component {
    private final PolicySettings settings;

    private PolicyConfig(PolicySettings settings) {
        this.settings = settings;
    }

    /** Registers the settings with the engine; from {@code CrmBuilder.build()}. */
    public static PolicyConfig install(Engine engine, PolicySettings settings) {
        return engine.register(PolicyConfig.class, new PolicyConfig(settings));
    }

    PolicySettings settings() {
        return settings;
    }

    @Override
    public void close() {
    }
}
