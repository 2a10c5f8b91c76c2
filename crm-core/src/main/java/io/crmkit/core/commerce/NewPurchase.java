package io.crmkit.core.commerce;

import io.crmkit.core.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A purchase to record: {@code NewPurchase.of(customerId, new BigDecimal("199.00"), "CNY").externalId("SO-1001")}.
 * Amount 0 or more with at most 4 decimals and 15 integer digits; quantity 1 or more (default 1);
 * product up to 200 characters; external id up to 100; the time defaults to now. Not thread-safe.
 */
public final class NewPurchase {
    private final CustomerId customerId;
    private final @Nullable BigDecimal amount;
    private final @Nullable String currency;
    private @Nullable Instant occurredAt;
    private int quantity = 1;
    private @Nullable String product;
    private @Nullable String externalId;

    private NewPurchase(CustomerId customerId, @Nullable BigDecimal amount, @Nullable String currency) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.amount = amount;
        this.currency = currency;
    }

    /** {@code currency} is an ISO 4217 code such as {@code CNY}. */
    public static NewPurchase of(CustomerId customerId, BigDecimal amount, String currency) {
        return new NewPurchase(customerId, amount, currency);
    }

    public static NewPurchase of(CustomerId customerId, BigDecimal amount, Currency currency) {
        return new NewPurchase(customerId, amount, currency.getCurrencyCode());
    }

    public NewPurchase occurredAt(Instant at) { this.occurredAt = Objects.requireNonNull(at); return this; }
    public NewPurchase quantity(int quantity) { this.quantity = quantity; return this; }
    public NewPurchase product(String product) { this.product = product; return this; }
    /** The host's order or line id; recording the same external id again stores nothing new. */
    public NewPurchase externalId(String externalId) { this.externalId = externalId; return this; }

    public CustomerId customerId() { return customerId; }
    public @Nullable BigDecimal amount() { return amount; }
    public @Nullable String currency() { return currency; }
    public Optional<Instant> occurredAt() { return Optional.ofNullable(occurredAt); }
    public int quantity() { return quantity; }
    public Optional<String> product() { return Optional.ofNullable(product); }
    public Optional<String> externalId() { return Optional.ofNullable(externalId); }
}
