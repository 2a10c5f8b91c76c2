package io.crmkit.core.policy;

import io.crmkit.core.customer.CustomerId;
import java.util.Objects;

/** A customer a policy should contact now: who, and the name to show. */
public record DueContact(CustomerId customerId, String displayName) {
    public DueContact {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(displayName, "displayName");
    }
}
