package io.crmkit.jdbc.internal.commerce;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.commerce.PurchaseRepository;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.CustomerMoves;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Purchases in {@code purchases}. The amount is stored as a decimal with its scale beside it, so
 * {@code 12.50} comes back as {@code 12.50}, not {@code 12.5000000000}.
 */
public final class JdbcPurchases implements PurchaseRepository {
    private static final String COLUMNS = "id, customer_id, occurred_at, amount, amount_scale, currency, quantity, product, external_id";

    private final Sql sql;

    public JdbcPurchases(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Purchase p) {
        sql.write("insert purchase " + p.id(), () -> insertRows(List.of(p)));
    }

    /** One JDBC batch; all or nothing. */
    @Override
    public void insertAll(List<Purchase> purchases) {
        if (purchases.isEmpty()) {
            return;
        }
        sql.write("insert " + purchases.size() + " purchases", () -> insertRows(purchases));
    }

    private void insertRows(List<Purchase> purchases) {
        Sql.Batch b = sql.insert("purchases", COLUMNS);
        for (Purchase p : purchases) {
            b.uuid(p.id().value()).uuid(p.customerId().value()).instant(p.occurredAt()).decimal(p.amount())
                    .integer(p.amount().scale()).text(p.currency().getCurrencyCode()).integer(p.quantity())
                    .text(p.product()).text(p.externalId())
                    .add();
        }
        b.execute();
    }

    @Override
    public Set<String> existingExternalIds(Collection<String> externalIds) {
        return sql.read("check which purchase external ids are stored", () -> {
            Set<String> found = new HashSet<>();
            for (List<String> chunk : Sql.chunks(new LinkedHashSet<>(externalIds), Sql.IN_CHUNK)) {
                Sql.Stmt s = sql.stmt("SELECT external_id FROM {p}purchases WHERE external_id IN ("
                        + Sql.marks(chunk.size()) + ")").planEachTime();
                chunk.forEach(s::text);
                s.list(r -> found.add(r.text("external_id")));
            }
            return found;
        });
    }

    @Override
    public Optional<Purchase> findById(PurchaseId id) {
        return sql.read("find purchase " + id, () -> sql.stmt("SELECT " + COLUMNS + " FROM {p}purchases WHERE id = ?")
                .uuid(id.value()).one(JdbcPurchases::read));
    }

    @Override
    public Optional<Purchase> findByExternalId(String externalId) {
        return sql.read("find purchase by external id", () -> sql.stmt(
                "SELECT " + COLUMNS + " FROM {p}purchases WHERE external_id = ?").text(externalId).one(JdbcPurchases::read));
    }

    @Override
    public Page<Purchase> search(PurchaseQuery q, AccessScope scope, PageRequest page) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        AccessSql.Condition access = AccessSql.ofCustomer(scope, "customer_id");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        return sql.read("find purchases", () -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            q.customerId().ifPresent(c -> where.append(" AND customer_id = ?"));
            q.from().ifPresent(f -> where.append(" AND occurred_at >= ?"));
            q.to().ifPresent(t -> where.append(" AND occurred_at < ?"));
            where.append(access.sql());
            after.ifPresent(k -> where.append(" AND id > ?"));
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}purchases" + where
                    + " ORDER BY id LIMIT " + (page.limit() + 1));
            q.customerId().ifPresent(c -> s.uuid(c.value()));
            q.from().ifPresent(s::instant);
            q.to().ifPresent(s::instant);
            access.bind().accept(s);
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(s.list(JdbcPurchases::read), page.limit(),
                    p -> new Cursor.IdKey(p.id().value()));
        });
    }

    private static Purchase read(Row r) throws java.sql.SQLException {
        return new Purchase(new PurchaseId(r.uuid("id")), new CustomerId(r.uuid("customer_id")), r.instant("occurred_at"),
                r.decimal("amount").setScale(r.integer("amount_scale"), java.math.RoundingMode.HALF_EVEN),
                Currency.getInstance(r.text("currency")), r.integer("quantity"), r.optText("product"),
                r.optText("external_id"));
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "purchases", false).move(from, to, null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "purchases", false).move(from, to, ids);
    }
}
