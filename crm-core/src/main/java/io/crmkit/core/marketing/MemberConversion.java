package io.crmkit.core.marketing;

import io.crmkit.core.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * A purchase by a member, or a won opportunity of a member whose source is the campaign, within the conversion
 * window after the member's send, as storage finds them for {@link CampaignService#results}.
 *
 * @param customerId the member
 * @param at         when it bought, or when the opportunity was won
 * @param amount     what it brought
 * @param currency   the currency of {@code amount}
 * @param responded  whether the member reached a status counted as a response already
 * @param converted  whether the member was marked converted already
 */
public record MemberConversion(CustomerId customerId, Instant at, BigDecimal amount, Currency currency,
                               boolean responded, boolean converted) {
    public MemberConversion {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }
}
