package io.crmkit.core.internal.dedup;

import io.crmkit.core.dedup.DuplicateSettings;
import io.crmkit.core.dedup.NameMatcher;
import io.crmkit.core.internal.Engine;

/** The duplicate settings of one CRM, held by its engine. */
public final class DuplicateConfig implements Engine.Component {
    private final DuplicateSettings settings;

    private DuplicateConfig(DuplicateSettings settings) {
        this.settings = settings;
    }

    /** Registers the settings with the engine; from {@code CrmBuilder.build()}. */
    public static DuplicateConfig install(Engine engine, DuplicateSettings settings) {
        return engine.register(DuplicateConfig.class, new DuplicateConfig(settings));
    }

    NameMatcher nameMatcher() {
        return settings.nameMatcher();
    }

    @Override
    public void close() {
        // nothing held
    }
}
