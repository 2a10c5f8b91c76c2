package io.crmkit.core.marketing;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a marketing campaign. Time-ordered (UUID version 7). Campaigns themselves are not built yet; other
 * features (the sales pipeline's source campaign) already refer to them by this id.
 */
public record CampaignId(UUID value) {
    public CampaignId {
        Objects.requireNonNull(value, "value");
    }

    /** Reads the canonical text form of a UUID. */
    public static CampaignId parse(String text) {
        return new CampaignId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
