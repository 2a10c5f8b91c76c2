package io.crmkit.core.internal;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.commerce.PurchaseService;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.internal.check.Checks;
import io.crmkit.core.internal.check.Ids;
import io.crmkit.core.security.Actor;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

final class TransactionalPurchaseService implements PurchaseService {
    static final int MAX_PRODUCT = 200;
    static final int MAX_EXTERNAL_ID = 100;
    static final int MAX_SCALE = 4;
    static final int MAX_INTEGER_DIGITS = 15;

    private final Engine engine;
    private final Actor actor;

    TransactionalPurchaseService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override
    public Purchase record(NewPurchase in) {
        Objects.requireNonNull(in, "purchase");
        Checks checks = new Checks();
        BigDecimal amount = in.amount();
        if (amount == null) {
            checks.add("amount", "required", "must be given");
        } else {
            checks.require(amount.signum() >= 0, "amount", "negative", "must not be negative");
            checks.require(amount.stripTrailingZeros().scale() <= MAX_SCALE, "amount", "scale",
                    "must have at most " + MAX_SCALE + " decimals");
            checks.require(amount.precision() - amount.scale() <= MAX_INTEGER_DIGITS, "amount", "too_large",
                    "must have at most " + MAX_INTEGER_DIGITS + " digits before the point");
        }
        Currency currency = checks.value("currency", () -> currency(in.currency()));
        checks.require(in.quantity() >= 1, "quantity", "range", "must be at least 1 but was " + in.quantity());
        String product = checks.optional("product", in.product().orElse(null), MAX_PRODUCT);
        String externalId = checks.optional("externalId", in.externalId().orElse(null), MAX_EXTERNAL_ID);
        checks.throwIfAny();
        return engine.write(tx -> {
            if (externalId != null) {
                Optional<Purchase> existing = tx.repos.purchases().findByExternalId(externalId);
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            tx.repos.customers().findById(in.customerId())
                    .orElseThrow(() -> TransactionalCustomerService.notFound(in.customerId()));
            BigDecimal normalised = amount.scale() < 0 ? amount.setScale(0) : amount;
            Purchase p = new Purchase(new PurchaseId(Ids.uuid7(engine.clock())), in.customerId(),
                    in.occurredAt().orElse(tx.now), normalised, currency, in.quantity(), Optional.ofNullable(product),
                    Optional.ofNullable(externalId));
            tx.repos.purchases().insert(p);
            tx.raise(new DomainEvent.PurchaseRecorded(p.id(), p.customerId(), tx.now, actor.id()));
            return p;
        });
    }

    private static Currency currency(String code) {
        try {
            if (code == null || !code.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException();
            }
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw io.crmkit.core.ValidationException.of("currency", "format", "must be an ISO 4217 code like CNY");
        }
    }

    @Override
    public Optional<Purchase> get(PurchaseId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.purchases().findById(id));
    }

    @Override
    public Optional<Purchase> findByExternalId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        return engine.read(repos -> repos.purchases().findByExternalId(externalId.strip()));
    }

    @Override
    public Page<Purchase> find(PurchaseQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        return engine.read(repos -> repos.purchases().find(query, page));
    }
}
