package io.crmkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.crmkit.core.Crm;
import io.crmkit.core.security.AccessPolicy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * For the plan tests: a CRM with an access policy on fresh PostgreSQL tables whose statements are logged, and the
 * plan PostgreSQL chooses for a logged statement, run again under {@code EXPLAIN} with the same parameters. Closing
 * it drops the tables.
 */
final class PostgresPlans implements AutoCloseable {
    final String prefix = TestDb.newPrefix();
    final StatementLog log;
    final Crm crm;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** Skips the calling test unless PostgreSQL is configured. */
    PostgresPlans(AccessPolicy policy) {
        TestDb.POSTGRES.assumeAvailable();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDb.POSTGRES.url());
        config.setMaximumPoolSize(2);
        HikariDataSource pool = new HikariDataSource(config);
        opened.add(pool);
        log = new StatementLog(pool);
        JdbcStorage storage = JdbcStorage.builder().dataSource(log).tablePrefix(prefix).build();
        opened.add(0, storage);
        crm = Crm.builder().storage(storage).access(policy).build();
        opened.add(0, crm);
    }

    /** The first statement {@code call} ran whose text contains {@code marker} (the table prefix is added to it). */
    StatementLog.Execution first(Runnable call, String marker) {
        log.start();
        call.run();
        String text = marker.replace("{p}", prefix);
        return log.executions().stream().filter(e -> e.sql().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement with " + text));
    }

    /** The plan of {@code statement}, one line per node. */
    static String explain(StatementLog.Execution statement) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = DriverManager.getConnection(TestDb.POSTGRES.url());
             PreparedStatement ps = statement.prepare(c, "EXPLAIN ");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        TestDb.dropTables(TestDb.POSTGRES.url(), prefix);
    }
}
