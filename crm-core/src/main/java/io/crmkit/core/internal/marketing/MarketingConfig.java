package io.crmkit.core.internal.marketing;

import io.crmkit.core.internal.Engine;
import io.crmkit.core.marketing.MarketingSettings;

/** The marketing settings of one Crm, found by the campaign services through {@code engine.component(...)}. */
public final class MarketingConfig implements Engine.Component {
    private final MarketingSettings settings;

    private MarketingConfig(MarketingSettings settings) {
        this.settings = settings;
    }

    /**
     * Registers the settings with the engine and hands the engine to the listener that moves campaign members as their
     * messages are reported; from {@code CrmBuilder.build()}.
     */
    public static MarketingConfig install(Engine engine, MarketingSettings settings, CampaignDeliveries deliveries) {
        deliveries.bind(engine);
        return engine.register(MarketingConfig.class, new MarketingConfig(settings));
    }

    MarketingSettings settings() {
        return settings;
    }

    @Override
    public void close() {
    }
}
