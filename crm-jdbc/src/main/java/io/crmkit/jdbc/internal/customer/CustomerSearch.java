package io.crmkit.jdbc.internal.customer;

import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.CustomerConditions;
import io.crmkit.jdbc.internal.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The statement of a {@link CustomerQuery}: its conditions and the scope's ({@link CustomerConditions}), in id order
 * after the cursor.
 */
final class CustomerSearch {
    private CustomerSearch() {
    }

    static Sql.Stmt statement(Sql sql, CustomerQuery q, AccessScope scope, Optional<Cursor.IdKey> after, int limit) {
        CustomerConditions c = CustomerConditions.of(q, scope);
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
}
