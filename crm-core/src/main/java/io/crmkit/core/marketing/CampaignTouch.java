package io.crmkit.core.marketing;

import io.crmkit.core.customer.CustomerId;
import java.time.Instant;
import java.util.Objects;

/**
 * A campaign's send to a customer: one touch of the customer's way to a purchase, for attribution.
 *
 * @param campaignId the campaign
 * @param customerId the customer
 * @param at         when the campaign sent to the customer
 */
public record CampaignTouch(CampaignId campaignId, CustomerId customerId, Instant at) {
    public CampaignTouch {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(at, "at");
    }
}
