package io.crmkit.analytics.report;

import io.crmkit.core.marketing.Attribution;
import io.crmkit.core.marketing.AttributionModel;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.marketing.CampaignResults;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The campaigns part of a report: each campaign's funnel, and the revenue of the report's period attributed to the
 * campaigns by every {@link AttributionModel}.
 *
 * @param campaigns   the campaigns the reader may see, in start order (at most {@link #MAX_CAMPAIGNS})
 * @param attribution the period's revenue by model
 * @param names       the names of the campaigns listed or attributed to, by id
 */
public record CampaignSection(List<Funnel> campaigns, Map<AttributionModel, Attribution> attribution,
                              Map<CampaignId, String> names) {
    /** Most campaigns a report lists. */
    public static final int MAX_CAMPAIGNS = 50;

    public CampaignSection {
        campaigns = List.copyOf(campaigns);
        attribution = Map.copyOf(attribution);
        names = Map.copyOf(names);
    }

    /**
     * One campaign's results.
     *
     * @param name    the campaign's name
     * @param status  its status, by name
     * @param results its counts, cost per response and revenue
     */
    public record Funnel(String name, String status, CampaignResults results) {
        public Funnel {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(results, "results");
        }
    }
}
