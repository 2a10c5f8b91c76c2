package io.crmkit.jdbc.internal.customer;

import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The statement of a {@link CustomerQuery}: one condition per criterion and the scope's ({@link AccessSql}), in id
 * order after the cursor.
 */
public final class CustomerSearch {
    private CustomerSearch() {
    }

    /**
     * The conditions of a query and a scope on {@code customers} aliased {@code c}, each starting with {@code " AND "},
     * and what binds their parameters in order: for statements of other features that select customers by a query (the
     * due customers of a communication policy).
     */
    public record Conditions(String sql, List<Consumer<Sql.Stmt>> binds) {
        public Conditions {
            binds = List.copyOf(binds);
        }

        /** Binds the parameters of the conditions to {@code stmt}, in order. */
        public void bind(Sql.Stmt stmt) {
            binds.forEach(b -> b.accept(stmt));
        }
    }

    static Sql.Stmt statement(Sql sql, CustomerQuery q, AccessScope scope, Optional<Cursor.IdKey> after, int limit) {
        Conditions c = conditions(q, scope);
        StringBuilder where = new StringBuilder(" WHERE 1 = 1").append(c.sql());
        List<Consumer<Sql.Stmt>> binds = new ArrayList<>(c.binds());
        after.ifPresent(k -> {
            where.append(" AND c.id > ?");
            binds.add(s -> s.uuid(k.id()));
        });
        Sql.Stmt stmt = sql.stmt("SELECT " + CustomerRows.columns("c") + " FROM {p}customers c" + where
                + " ORDER BY c.id LIMIT " + (limit + 1));
        binds.forEach(b -> b.accept(stmt));
        return stmt;
    }

    /** The conditions of {@code q} and {@code scope}; see {@link Conditions}. */
    public static Conditions conditions(CustomerQuery q, AccessScope scope) {
        StringBuilder where = new StringBuilder();
        List<Consumer<Sql.Stmt>> binds = new ArrayList<>();
        if (!q.includeArchived()) {
            where.append(" AND c.archived_at IS NULL");
        }
        q.namePrefix().ifPresent(p -> {
            where.append(" AND c.name_lower LIKE ? ESCAPE '!'");
            binds.add(s -> s.text(Sql.escapeLike(CustomerRows.lower(p)) + "%"));
        });
        q.nameContains().ifPresent(p -> {
            where.append(" AND c.name_lower LIKE ? ESCAPE '!'");
            binds.add(s -> s.text("%" + Sql.escapeLike(CustomerRows.lower(p)) + "%"));
        });
        q.email().ifPresent(e -> {
            where.append(" AND c.id IN (SELECT e.customer_id FROM {p}customer_emails e WHERE e.email_lower = ?)");
            binds.add(s -> s.text(CustomerRows.lower(e.value())));
        });
        q.phone().ifPresent(p -> {
            where.append(" AND c.id IN (SELECT ph.customer_id FROM {p}customer_phones ph WHERE ph.phone = ?)");
            binds.add(s -> s.text(p));
        });
        q.tag().ifPresent(t -> {
            where.append(" AND c.id IN (SELECT t.customer_id FROM {p}customer_tags t WHERE t.tag = ?)");
            binds.add(s -> s.text(t));
        });
        q.externalRef().ifPresent(r -> {
            where.append(" AND c.id IN (SELECT x.customer_id FROM {p}customer_external_refs x WHERE x.ref_system = ? AND x.ref_id = ?)");
            binds.add(s -> s.text(r.system()).text(r.id()));
        });
        q.stage().ifPresent(st -> {
            where.append(" AND c.stage = ?");
            binds.add(s -> s.enumName(st));
        });
        q.owner().ifPresent(o -> {
            where.append(" AND c.owner_id = ?");
            binds.add(s -> s.text(o.id()));
        });
        q.department().ifPresent(d -> {
            where.append(" AND c.department_id = ?");
            binds.add(s -> s.text(d.id()));
        });
        q.organizationId().ifPresent(o -> {
            where.append(" AND c.organization_id = ?");
            binds.add(s -> s.uuid(o.value()));
        });
        AccessSql.Condition access = AccessSql.customers(scope, "c");
        where.append(access.sql());
        binds.add(access.bind());
        return new Conditions(where.toString(), binds);
    }
}
