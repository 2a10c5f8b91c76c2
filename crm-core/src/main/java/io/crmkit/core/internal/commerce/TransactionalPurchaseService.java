package io.crmkit.core.internal.commerce;

import io.crmkit.core.Checks;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseEvent;
import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.commerce.PurchaseService;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportReport;
import io.crmkit.core.importing.ImportRow;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.internal.importing.BatchImport;
import io.crmkit.core.internal.importing.KeySet;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

public final class TransactionalPurchaseService implements PurchaseService {
    static final int MAX_PRODUCT = 200;
    static final int MAX_EXTERNAL_ID = 100;
    static final int MAX_SCALE = 4;
    static final int MAX_INTEGER_DIGITS = 15;

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalPurchaseService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    @Override
    public Purchase record(NewPurchase in) {
        Objects.requireNonNull(in, "purchase");
        Purchase validated = validate(in, new PurchaseId(Ids.uuid7(engine.clock())), engine.clock().instant());
        return engine.write(tx -> {
            guard.require(tx.repos(), in.customerId(), RecordKind.PURCHASE, Action.CREATE);
            if (validated.externalId().isPresent()) {
                Optional<Purchase> existing = tx.repos().purchases().findByExternalId(validated.externalId().get());
                if (existing.isPresent()) {
                    return existing.get();
                }
            }
            Purchase p = in.occurredAt().isPresent() ? validated : withTime(validated, tx.now());
            tx.repos().purchases().insert(p);
            PurchaseChanges.created(tx, AuditSource.API, actor.user(), p);
            tx.raise(new PurchaseEvent.Recorded(p.id(), p.customerId(), tx.now(), actor.user()));
            return p;
        });
    }

    @Override
    public ImportReport importAll(Iterator<NewPurchase> rows, ImportOptions options) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(options, "options");
        return BatchImport.run(engine, rows, options, this::importBatch);
    }

    private List<ImportRow> importBatch(List<BatchImport.Row<NewPurchase>> rows, Engine.Tx tx, KeySet seen, KeySet batchKeys) {
        ImportRow[] out = new ImportRow[rows.size()];
        Purchase[] valid = new Purchase[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            BatchImport.Row<NewPurchase> row = rows.get(i);
            try {
                Purchase p = validate(row.value(), new PurchaseId(Ids.uuid7(engine.clock())), tx.now());
                String key = p.externalId().orElse(null);
                if (key != null && (seen.contains(key) || !batchKeys.add(key))) {
                    out[i] = problem(row.index(), ImportRow.Outcome.DUPLICATE, "externalId", "duplicate",
                            "repeats the external id " + key + " of an earlier row");
                } else {
                    valid[i] = p;
                }
            } catch (ValidationException e) {
                out[i] = new ImportRow(row.index(), ImportRow.Outcome.REJECTED, Optional.empty(), e.violations());
            } catch (NullPointerException e) {
                out[i] = problem(row.index(), ImportRow.Outcome.REJECTED, "row", "required", "must not be null");
            }
        }
        List<Purchase> candidates = Arrays.stream(valid).filter(Objects::nonNull).toList();
        Set<String> stored = tx.repos().purchases().existingExternalIds(
                candidates.stream().flatMap(p -> p.externalId().stream()).toList());
        Set<CustomerId> customers = new HashSet<>(tx.repos().customers().existingIds(
                candidates.stream().map(Purchase::customerId).collect(Collectors.toSet())));
        // a customer the actor may not add purchases to is reported as missing, as get would
        customers.removeIf(c -> !guard.permits(tx.repos(), c, RecordKind.PURCHASE, Action.CREATE));
        List<Purchase> inserts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Purchase p = valid[i];
            if (p == null) {
                continue;
            }
            long index = rows.get(i).index();
            if (p.externalId().map(stored::contains).orElse(false)) {
                out[i] = problem(index, ImportRow.Outcome.DUPLICATE, "externalId", "duplicate",
                        "is stored already: " + p.externalId().get());
            } else if (!customers.contains(p.customerId())) {
                out[i] = problem(index, ImportRow.Outcome.REJECTED, "customerId", "not_found", "names no existing customer: " + p.customerId());
            } else {
                inserts.add(p);
                PurchaseChanges.created(tx, AuditSource.IMPORT, actor.user(), p);
                out[i] = new ImportRow(index, ImportRow.Outcome.INSERTED, Optional.of(p.id().value()), List.of());
                tx.raise(new PurchaseEvent.Recorded(p.id(), p.customerId(), tx.now(), actor.user()));
            }
        }
        tx.repos().purchases().insertAll(inserts);
        return List.of(out);
    }

    private static ImportRow problem(long index, ImportRow.Outcome outcome, String field, String code, String message) {
        return new ImportRow(index, outcome, Optional.empty(), List.of(new ValidationException.Violation(field, code, message)));
    }

    private static Purchase withTime(Purchase p, Instant at) {
        return new Purchase(p.id(), p.customerId(), at, p.amount(), p.currency(), p.quantity(), p.product(), p.externalId());
    }

    /** Checks every field at once; the time defaults to {@code now}. */
    private static Purchase validate(NewPurchase in, PurchaseId id, Instant now) {
        Objects.requireNonNull(in.customerId(), "customerId");
        Checks checks = new Checks();
        BigDecimal amount = checks.amount("amount", in.amount(), MAX_SCALE, MAX_INTEGER_DIGITS);
        Currency currency = checks.currency("currency", in.currency());
        checks.require(in.quantity() >= 1, "quantity", "range", "must be at least 1 but was " + in.quantity());
        String product = checks.optional("product", in.product().orElse(null), MAX_PRODUCT);
        String externalId = checks.optional("externalId", in.externalId().orElse(null), MAX_EXTERNAL_ID);
        checks.throwIfAny();
        Objects.requireNonNull(amount, "amount"); // null only with a violation
        Objects.requireNonNull(currency, "currency"); // null only with a violation
        return new Purchase(id, in.customerId(), in.occurredAt().orElse(now), amount, currency, in.quantity(),
                Optional.ofNullable(product), Optional.ofNullable(externalId));
    }

    @Override
    public Optional<Purchase> get(PurchaseId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.purchases().findById(id)
                .filter(p -> guard.permits(repos, p.customerId(), RecordKind.PURCHASE, Action.READ)));
    }

    @Override
    public Optional<Purchase> findByExternalId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        return engine.read(repos -> repos.purchases().findByExternalId(externalId.strip())
                .filter(p -> guard.permits(repos, p.customerId(), RecordKind.PURCHASE, Action.READ)));
    }

    @Override
    public Page<Purchase> search(PurchaseQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        AccessScope scope = guard.scope(RecordKind.PURCHASE, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.purchases().search(query, scope, page));
    }
}
