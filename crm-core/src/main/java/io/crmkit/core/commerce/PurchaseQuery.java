package io.crmkit.core.commerce;

import io.crmkit.core.customer.CustomerId;
import java.time.Instant;
import java.util.Optional;

/** Which purchases to read: one customer's, and a period {@code [from, to)}. Immutable. */
public record PurchaseQuery(Optional<CustomerId> customerId, Optional<Instant> from, Optional<Instant> to) {
    public static PurchaseQuery all() {
        return new PurchaseQuery(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public PurchaseQuery customer(CustomerId customer) {
        return new PurchaseQuery(Optional.of(customer), from, to);
    }

    public PurchaseQuery between(Instant from, Instant to) {
        return new PurchaseQuery(customerId, Optional.of(from), Optional.of(to));
    }

    public boolean matches(Purchase p) {
        return customerId.map(c -> c.equals(p.customerId())).orElse(true)
                && from.map(f -> !p.occurredAt().isBefore(f)).orElse(true)
                && to.map(t -> p.occurredAt().isBefore(t)).orElse(true);
    }
}
