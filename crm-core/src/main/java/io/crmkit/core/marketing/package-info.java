/**
 * Marketing campaigns. A {@link io.crmkit.core.marketing.Campaign} has a name, the messaging channel it sends on, a
 * period, a budget, an owner and a status in its workflow ({@link io.crmkit.core.marketing.CampaignStatus}); its
 * members ({@link io.crmkit.core.marketing.CampaignMember}) come from a saved customer selection
 * ({@link io.crmkit.core.marketing.Segment}) or a list of customers. {@code crm.campaigns()}
 * ({@link io.crmkit.core.marketing.CampaignService}) sends the campaign's template to its members through messaging,
 * so that consent, quiet hours and the outbox apply and every message is on the member's timeline linked to the
 * campaign, and counts the results: deliveries, responses, conversions (purchases and won opportunities after a
 * send), cost per response, and revenue attributed over the touches before a purchase
 * ({@link io.crmkit.core.marketing.AttributionModel}). Settings are in
 * {@link io.crmkit.core.marketing.MarketingSettings}.
 *
 * <p>This package depends on the customer, messaging and security packages; the sales pipeline refers to it (an
 * opportunity's source campaign), never the other way round.
 */
@NullMarked
package io.crmkit.core.marketing;

import org.jspecify.annotations.NullMarked;
