package io.crmkit.core.marketing;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of a campaign: how many members were sent to, had their message delivered, failed, responded, opted
 * out and converted, what a response cost, and the revenue of the conversions per currency. A member counts once in
 * each figure. Converted are members marked converted and members with a conversion (a purchase, or a won opportunity
 * whose source is the campaign) within the conversion window after their send; responded are members that reached a
 * status of {@link MarketingSettings#respondedStatuses()} (a found conversion counts when CONVERTED is one of them).
 *
 * @param members           all members
 * @param sent              sent to
 * @param delivered         reported delivered
 * @param failed            failed
 * @param responded         responded
 * @param optedOut          opted out
 * @param converted         converted
 * @param costPerResponse   the budget divided by the responses (in the campaign's currency, 4 decimals, half even);
 *                          empty without responses
 * @param revenue           the conversions' amounts summed per currency
 */
public record CampaignResults(long members, long sent, long delivered, long failed, long responded, long optedOut,
                              long converted, Optional<BigDecimal> costPerResponse, Map<Currency, BigDecimal> revenue) {
    public CampaignResults {
        Objects.requireNonNull(costPerResponse, "costPerResponse");
        revenue = Map.copyOf(revenue);
    }
}
