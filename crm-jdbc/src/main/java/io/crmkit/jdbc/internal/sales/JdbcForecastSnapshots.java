package io.crmkit.jdbc.internal.sales;

import io.crmkit.core.sales.ForecastCategory;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.ForecastSnapshot;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.jdbc.internal.sql.Sql;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Weekly forecast snapshots in {@code forecast_snapshots} (one row per week) and {@code forecast_snapshot_rows} (its
 * sums, by month, owner, department, category and currency).
 */
final class JdbcForecastSnapshots {
    private final Sql sql;

    JdbcForecastSnapshots(Sql sql) {
        this.sql = sql;
    }

    void replace(LocalDate week, Instant takenAt, List<ForecastRow> rows) {
        sql.write("store the forecast snapshot of " + week, () -> {
            sql.stmt("DELETE FROM {p}forecast_snapshot_rows WHERE week = ?").date(week).execute();
            sql.stmt("DELETE FROM {p}forecast_snapshots WHERE week = ?").date(week).execute();
            sql.stmt("INSERT INTO {p}forecast_snapshots (week, taken_at) VALUES (?, ?)").date(week).instant(takenAt).execute();
            Sql.Batch b = sql.batch("INSERT INTO {p}forecast_snapshot_rows (week, period, owner_id, department_id, category,"
                    + " currency, n, amount, weighted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            for (ForecastRow r : rows) {
                b.date(week).date(r.period()).text(r.owner().map(UserRef::id).orElse(""))
                        .text(r.department().map(DepartmentRef::id).orElse(null))
                        .text(r.category().map(Enum::name).orElse(ForecastCategory.PIPELINE.name()))
                        .text(r.currency().getCurrencyCode()).lng(r.count()).decimal(r.amount()).decimal(r.weighted()).add();
            }
            b.execute();
        });
    }

    Optional<ForecastSnapshot> find(LocalDate week) {
        return sql.read("read the forecast snapshot of " + week, () -> {
            Optional<Instant> takenAt = sql.stmt("SELECT taken_at FROM {p}forecast_snapshots WHERE week = ?").date(week)
                    .one(r -> r.instant("taken_at"));
            if (takenAt.isEmpty()) {
                return Optional.<ForecastSnapshot>empty();
            }
            List<ForecastRow> rows = sql.stmt("SELECT period, owner_id, department_id, category, currency, n, amount,"
                    + " weighted FROM {p}forecast_snapshot_rows WHERE week = ?").date(week)
                    .list(r -> new ForecastRow(r.optDate("period").orElseThrow(), Optional.of(new UserRef(r.text("owner_id"))),
                            r.optText("department_id").map(DepartmentRef::new),
                            Optional.of(r.enumValue(ForecastCategory.class, "category")),
                            Currency.getInstance(r.text("currency").strip()), r.lng("n"), r.decimal("amount"),
                            r.decimal("weighted")));
            return Optional.of(new ForecastSnapshot(week, takenAt.get(), rows));
        });
    }

    List<LocalDate> weeks(LocalDate from, LocalDate to) {
        return sql.read("list the forecast snapshots", () -> sql.stmt(
                        "SELECT week FROM {p}forecast_snapshots WHERE week >= ? AND week < ? ORDER BY week")
                .date(from).date(to).list(r -> r.optDate("week").orElseThrow()));
    }
}
