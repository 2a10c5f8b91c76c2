package io.crmkit.core.marketing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Revenue attributed to campaigns over a period by one {@link AttributionModel}.
 *
 * @param model       how revenue was shared among touches
 * @param from        the first instant of the period
 * @param to          the end of the period, excluded
 * @param rows        one per campaign and currency, by campaign id, then currency code
 * @param conversions how many purchases credit at least one of the listed campaigns (those the actor may read)
 */
public record Attribution(AttributionModel model, Instant from, Instant to, List<Row> rows, long conversions) {
    /** Decimals of an attributed amount (rounded half even once, after summing). */
    public static final int SCALE = 4;

    public Attribution {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        rows = List.copyOf(rows);
    }

    /**
     * What one campaign earned in one currency.
     *
     * @param campaignId the campaign
     * @param currency   the currency
     * @param revenue    the attributed revenue
     * @param touches    how many of its touches were credited with a share of a conversion
     */
    public record Row(CampaignId campaignId, Currency currency, BigDecimal revenue, long touches) {
        public Row {
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(revenue, "revenue");
        }
    }
}
