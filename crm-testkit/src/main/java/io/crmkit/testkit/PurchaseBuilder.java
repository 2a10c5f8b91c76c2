package io.crmkit.testkit;

import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Builds a {@link Purchase} for tests; start one with {@link TestData#purchase}. Not thread-safe. */
public final class PurchaseBuilder {
    private PurchaseId id;
    private CustomerId customerId;
    private Instant occurredAt;
    private BigDecimal amount;
    private Currency currency;
    private int quantity = 1;
    private @Nullable String product;
    private @Nullable String externalId;

    PurchaseBuilder(PurchaseId id, CustomerId customerId, BigDecimal amount, String currency, Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.amount = amount;
        this.currency = Currency.getInstance(currency);
        this.occurredAt = now;
    }

    public PurchaseBuilder id(PurchaseId id) { this.id = id; return this; }
    public PurchaseBuilder customer(CustomerId customerId) { this.customerId = customerId; return this; }
    public PurchaseBuilder occurredAt(Instant occurredAt) { this.occurredAt = occurredAt; return this; }
    public PurchaseBuilder amount(String amount) { this.amount = new BigDecimal(amount); return this; }
    public PurchaseBuilder currency(String code) { this.currency = Currency.getInstance(code); return this; }
    public PurchaseBuilder quantity(int quantity) { this.quantity = quantity; return this; }
    public PurchaseBuilder product(@Nullable String product) { this.product = product; return this; }
    public PurchaseBuilder externalId(@Nullable String externalId) { this.externalId = externalId; return this; }

    public Purchase build() {
        return new Purchase(id, customerId, occurredAt, amount, currency, quantity, Optional.ofNullable(product),
                Optional.ofNullable(externalId));
    }
}
