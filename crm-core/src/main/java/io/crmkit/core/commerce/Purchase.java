package io.crmkit.core.commerce;

import io.crmkit.core.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * A purchase by a customer: when, how much in which currency, how many items of what. Imported from
 * the host's order system, usually with its {@code externalId}, which makes a second import of the
 * same order a no-op.
 */
public record Purchase(PurchaseId id, CustomerId customerId, Instant occurredAt, BigDecimal amount,
                       Currency currency, int quantity, Optional<String> product, Optional<String> externalId) {
    public Purchase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(externalId, "externalId");
    }

    /** The same record belonging to another customer: a merge's change (and an unmerge's). */
    public Purchase withCustomer(CustomerId to) {
        return new Purchase(id, to, occurredAt, amount, currency, quantity, product, externalId);
    }
}
