package io.crmkit.analytics.value;

import io.crmkit.core.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * One customer's purchases summed up.
 *
 * @param customerId the customer
 * @param currency   the currency of every amount
 * @param purchases  number of purchases
 * @param total      sum of the amounts
 * @param average    total / purchases, rounded half-even to 4 decimals
 * @param largest    the largest amount
 * @param smallest   the smallest amount
 * @param first      time of the first purchase
 * @param last       time of the last purchase
 */
public record CustomerValue(CustomerId customerId, Currency currency, long purchases, BigDecimal total,
                            BigDecimal average, BigDecimal largest, BigDecimal smallest, Instant first, Instant last) {
    public CustomerValue {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(average, "average");
        Objects.requireNonNull(largest, "largest");
        Objects.requireNonNull(smallest, "smallest");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }
}
