package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.spi.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keyset paging by due date ascending, undated last, then id. Runs as two index range scans, the
 * dated rows first and then, if the page is not full, the undated ones, so every database uses its
 * index on {@code (filter columns, due_date, id)} whatever it does with nulls in ORDER BY.
 */
public final class DuePages {
    private DuePages() {
    }

    /**
     * @param select     {@code SELECT ... FROM ... WHERE <filter>} with the filter's parameters
     * @param bindFilter binds the filter's parameters
     * @param access     the rows the listing's scope admits, added to the filter
     * @param undated    whether rows without a due date belong to the list
     */
    public static <L, T> Page<T> page(Sql sql, String select, Consumer<Sql.Stmt> bindFilter, AccessSql.Condition access,
                               boolean undated, PageRequest page, Sql.RowReader<L> reader, Function<List<L>, List<T>> load,
                               Function<T, Cursor.DateKey> key) {
        Optional<Cursor.DateKey> after = page.cursor().map(Cursor::dateKey);
        if (access.nothing()) {
            return Page.last(List.of());
        }
        select += access.sql();
        bindFilter = bindFilter.andThen(access.bind());
        int want = page.limit() + 1;
        List<L> rows = new ArrayList<>();
        boolean inUndated = after.isPresent() && after.get().date() == null;
        if (!inUndated) {
            String sqlText = select + " AND due_date IS NOT NULL"
                    + (after.isPresent() ? " AND (due_date > ? OR (due_date = ? AND id > ?))" : "")
                    + " ORDER BY due_date, id LIMIT " + want;
            Sql.Stmt s = sql.stmt(sqlText);
            bindFilter.accept(s);
            after.ifPresent(k -> s.date(k.date()).date(k.date()).uuid(k.id()));
            rows.addAll(s.list(reader));
        }
        if (undated && rows.size() < want) {
            String sqlText = select + " AND due_date IS NULL" + (inUndated ? " AND id > ?" : "")
                    + " ORDER BY id LIMIT " + (want - rows.size());
            Sql.Stmt s = sql.stmt(sqlText);
            bindFilter.accept(s);
            if (inUndated) {
                s.uuid(after.get().id());
            }
            rows.addAll(s.list(reader));
        }
        return Cursor.page(load.apply(rows), page.limit(), key);
    }
}
