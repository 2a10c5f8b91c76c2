package io.crmkit.analytics.report;

import io.crmkit.analytics.value.CustomerValue;
import io.crmkit.analytics.value.RfmScore;
import java.util.Objects;

/**
 * A customer in the report's top list.
 *
 * @param name  the customer's display name
 * @param value their purchases summed up
 * @param rfm   their RFM scores
 */
public record TopCustomer(String name, CustomerValue value, RfmScore rfm) {
    public TopCustomer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rfm, "rfm");
    }
}
