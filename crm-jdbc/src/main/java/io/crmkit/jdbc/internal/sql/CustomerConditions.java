package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.security.AccessScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The conditions of a {@link CustomerQuery} and an {@link AccessScope} on {@code customers} aliased {@code c}, each
 * starting with {@code " AND "}, with what binds their parameters in order: the customer search's, and those of other
 * features' statements that select customers by a query (the due customers of a communication policy).
 *
 * @param sql   the conditions
 * @param binds their parameters, in order
 */
public record CustomerConditions(String sql, List<Consumer<Sql.Stmt>> binds) {
    public CustomerConditions {
        binds = List.copyOf(binds);
    }

    /** Binds the parameters of the conditions to {@code stmt}, in order. */
    public void bind(Sql.Stmt stmt) {
        binds.forEach(b -> b.accept(stmt));
    }

    /** The conditions of {@code q} and {@code scope}. */
    public static CustomerConditions of(CustomerQuery q, AccessScope scope) {
        StringBuilder where = new StringBuilder();
        List<Consumer<Sql.Stmt>> binds = new ArrayList<>();
        if (!q.includeArchived()) {
            where.append(" AND c.archived_at IS NULL");
        }
        q.namePrefix().ifPresent(p -> {
            where.append(" AND c.name_lower LIKE ? ESCAPE '!'");
            binds.add(s -> s.text(Sql.escapeLike(lower(p)) + "%"));
        });
        q.nameContains().ifPresent(p -> {
            where.append(" AND c.name_lower LIKE ? ESCAPE '!'");
            binds.add(s -> s.text("%" + Sql.escapeLike(lower(p)) + "%"));
        });
        q.email().ifPresent(e -> {
            where.append(" AND c.id IN (SELECT e.customer_id FROM {p}customer_emails e WHERE e.email_lower = ?)");
            binds.add(s -> s.text(lower(e.value())));
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
        return new CustomerConditions(where.toString(), binds);
    }

    /** Names and emails are matched lower-cased, as stored in {@code name_lower} and {@code email_lower}. */
    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
