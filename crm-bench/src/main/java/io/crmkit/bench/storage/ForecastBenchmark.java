package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.sales.Forecast;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The forecast of every opportunity by quarter and owner over {@code size} opportunities (200 owners in 20
 * departments, the six stages of the default pipeline in turn, a tenth in USD, expected closes over a year), as
 * {@code crm.opportunities().forecast(ForecastQuery.byQuarter().byOwner())} beside the best plain JDBC for the same
 * numbers: one statement grouping by year, quarter, owner, category and currency in the database, its rows read into
 * objects. The baseline prepares its statement on each call, as crmkit does: H2 hands a statement kept open the result
 * of its last run again while the table is unchanged, which would time a cache instead of the grouping. crmkit groups
 * by month in SQL and folds the months into quarters in Java. The setup checks that both give the same sums.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ForecastBenchmark {
    @Param({"h2", "postgresql"})
    public String db;

    @Param({"100000"})
    public int size;

    private Crm crm;
    private Connection connection;
    private String plainSql;

    /** One row of the baseline. */
    record Sum(int year, int quarter, String owner, String category, String currency, long count, BigDecimal amount,
               BigDecimal weighted) {
    }

    @Setup(Level.Trial)
    public void load() throws SQLException {
        BenchDatabase.Shared shared = BenchDatabase.shared(db, size + " opportunities", d -> generate(d, size));
        crm = shared.crm();
        BenchDatabase d = shared.database();
        String quarter = db.equals("h2") ? "QUARTER(o.expected_close)" : "EXTRACT(QUARTER FROM o.expected_close)";
        String year = "EXTRACT(YEAR FROM o.expected_close)";
        connection = shared.connection();
        plainSql = ("SELECT " + year + " AS y, " + quarter + " AS q, o.owner_id,"
                + " o.category, o.currency, COUNT(*) AS n, SUM(o.amount) AS total, SUM(o.amount * o.probability) AS weighted"
                + " FROM " + d.t("opportunities") + " o GROUP BY " + year + ", " + quarter + ", o.owner_id, o.category,"
                + " o.currency");
        List<Sum> baseline = plainForecast();
        List<ForecastRow> rows = crmkitForecast().byCategory();
        BigDecimal a = baseline.stream().map(Sum::weighted).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal b = rows.stream().map(ForecastRow::weighted).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (baseline.size() != rows.size() || a.compareTo(b) != 0) {
            throw new IllegalStateException("the forecasts differ: " + baseline.size() + " rows summing " + a + " against "
                    + rows.size() + " summing " + b);
        }
    }

    static void generate(BenchDatabase d, int n) throws SQLException {
        String close = d.url.startsWith("jdbc:h2:") ? "DATEADD(DAY, MOD(x, 365), DATE '2026-01-01')"
                : "(DATE '2026-01-01' + CAST(MOD(x, 365) AS INTEGER))";
        String stage = "CASE MOD(x, 6) WHEN 0 THEN 'qualification' WHEN 1 THEN 'needs_analysis' WHEN 2 THEN 'proposal'"
                + " WHEN 3 THEN 'negotiation' WHEN 4 THEN 'closed_won' ELSE 'closed_lost' END";
        String probability = "CASE MOD(x, 6) WHEN 0 THEN 0.1 WHEN 1 THEN 0.2 WHEN 2 THEN 0.4 WHEN 3 THEN 0.6 WHEN 4 THEN 1"
                + " ELSE 0 END";
        String category = "CASE MOD(x, 6) WHEN 0 THEN 'PIPELINE' WHEN 1 THEN 'PIPELINE' WHEN 2 THEN 'BEST_CASE'"
                + " WHEN 3 THEN 'COMMIT' WHEN 4 THEN 'CLOSED_WON' ELSE 'CLOSED_LOST' END";
        try (Connection c = d.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + d.t("opportunities") + " (id, customer_id, name, amount, amount_scale, currency,"
                    + " expected_close, pipeline_code, stage_code, probability, category, is_open, owner_id, department_id,"
                    + " created_at, updated_at, last_activity_at, version) SELECT " + BenchDatabase.idSql(3, "p") + ", "
                    + BenchDatabase.idSql(0, "LPAD(CAST(MOD(x, 1000) + 1 AS VARCHAR(20)), 12, '0')") + ", 'Deal ' || x,"
                    + " CAST(MOD(x * 7919, 1000000) AS DECIMAL(30,10)) / 100, 2, CASE WHEN MOD(x, 10) = 0 THEN 'USD' ELSE 'CNY' END, "
                    + close + ", 'default', " + stage + ", " + probability + ", " + category + ", MOD(x, 6) < 4,"
                    + " 'u' || MOD(x, 200), 'd' || MOD(MOD(x, 200), 20), " + d.timeSql("x") + ", " + d.timeSql("x") + ", "
                    + d.timeSql("x") + ", 1 FROM " + d.series(n));
            s.execute(d.url.startsWith("jdbc:h2:") ? "ANALYZE" : "VACUUM (ANALYZE) " + d.t("opportunities"));
        }
    }

    @Benchmark
    public Forecast crmkitForecast() {
        return crm.opportunities().forecast(ForecastQuery.byQuarter().byOwner());
    }

    @Benchmark
    public List<Sum> plainForecast() throws SQLException {
        List<Sum> out = new ArrayList<>();
        try (PreparedStatement plain = connection.prepareStatement(plainSql); ResultSet rs = plain.executeQuery()) {
            while (rs.next()) {
                out.add(new Sum(rs.getInt("y"), rs.getInt("q"), rs.getString("owner_id"), rs.getString("category"),
                        rs.getString("currency"), rs.getLong("n"), rs.getBigDecimal("total"), rs.getBigDecimal("weighted")));
            }
        }
        return out;
    }
}
