package io.crmkit.analytics.prediction;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import java.util.Objects;

/**
 * One customer's purchase history over a calibration period, the input of the models. Time is in the
 * period's units (weeks in the CDNOW example) and counted from the customer's first purchase.
 *
 * @param customerId    the customer
 * @param frequency     x: repeat purchases (transactions after the first), 0 or more
 * @param recency       t_x: time from the first to the last purchase, 0 when {@code frequency} is 0
 * @param age           T: time from the first purchase to the end of the period, at least {@code recency}
 * @param monetaryValue mean value of the repeat purchases, 0 when {@code frequency} is 0
 */
public record CustomerSummary(CustomerId customerId, int frequency, double recency, double age, double monetaryValue) {
    public CustomerSummary {
        Objects.requireNonNull(customerId, "customerId");
        if (frequency < 0) {
            throw ValidationException.of("frequency", "range", "must be 0 or more but was " + frequency);
        }
        if (!(recency >= 0)) {
            throw ValidationException.of("recency", "range", "must be 0 or more but was " + recency);
        }
        if (!(age >= recency)) {
            throw ValidationException.of("age", "range", "must be at least the recency " + recency + " but was " + age);
        }
        if (frequency == 0 && recency != 0) {
            throw ValidationException.of("recency", "range", "must be 0 without repeat purchases but was " + recency);
        }
        if (!(monetaryValue >= 0)) {
            throw ValidationException.of("monetaryValue", "range", "must be 0 or more but was " + monetaryValue);
        }
    }

    /** A summary without spend, for the purchase-count model only. */
    public static CustomerSummary of(CustomerId customerId, int frequency, double recency, double age) {
        return new CustomerSummary(customerId, frequency, recency, age, 0);
    }
}
