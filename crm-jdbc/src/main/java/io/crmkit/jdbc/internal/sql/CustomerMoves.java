package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.customer.CustomerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A merge's re-pointing of one table's rows from one customer to another
 * ({@link io.crmkit.core.customer.CustomerReferences}): the rows are read and locked first, so that the ids returned
 * are exactly the rows moved, then moved in chunks, at their next version where the table has versions.
 */
public final class CustomerMoves {
    private static final int CHUNK = 500;

    private final Sql sql;
    private final String table;
    private final boolean versioned;

    /** Moves in {@code {p}<table>}, whose {@code customer_id} column names the customer. */
    public CustomerMoves(Sql sql, String table, boolean versioned) {
        this.sql = sql;
        this.table = table;
        this.versioned = versioned;
    }

    /** Moves every row of {@code from} (or those of {@code only}) to {@code to}; the ids moved, in id order. */
    public List<UUID> move(CustomerId from, CustomerId to, @Nullable Collection<UUID> only) {
        List<UUID> ids = only == null ? held(from, null) : new ArrayList<>();
        if (only != null) {
            for (List<UUID> chunk : Sql.chunks(only.stream().distinct().toList(), CHUNK)) {
                ids.addAll(held(from, chunk));
            }
            ids.sort(null);
        }
        sql.write("move " + table + " of customer " + from + " to " + to, () -> {
            for (List<UUID> chunk : Sql.chunks(ids, CHUNK)) {
                sql.stmt("UPDATE {p}" + table + " SET customer_id = ?" + (versioned ? ", version = version + 1" : "")
                                + " WHERE customer_id = ? AND id IN (" + Sql.marks(chunk.size()) + ")")
                        .uuid(to.value()).uuid(from.value()).uuids(chunk).execute();
            }
        });
        return ids;
    }

    private List<UUID> held(CustomerId customer, @Nullable List<UUID> among) {
        return sql.read("lock " + table + " of customer " + customer, () -> {
            Sql.Stmt s = sql.stmt("SELECT id FROM {p}" + table + " WHERE customer_id = ?"
                    + (among == null ? "" : " AND id IN (" + Sql.marks(among.size()) + ")") + " ORDER BY id FOR UPDATE")
                    .uuid(customer.value());
            if (among != null) {
                s.uuids(among);
            }
            return s.list(r -> r.uuid("id"));
        });
    }
}
