package io.crmkit.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmkit.core.spi.CrmStorage;
import io.crmkit.testkit.StorageFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The databases tests run on: H2 in memory always, PostgreSQL and MariaDB when {@code CRM_TEST_POSTGRES_URL} /
 * {@code CRM_TEST_MARIADB_URL} hold a JDBC URL with user and password. Shared databases get a fresh random
 * table prefix per test class, and the tables are dropped afterwards.
 */
enum TestDb {
    H2(null),
    POSTGRES("CRM_TEST_POSTGRES_URL"),
    MARIADB("CRM_TEST_MARIADB_URL");

    private final String variable;

    TestDb(String variable) {
        this.variable = variable;
    }

    /** Skips the calling test unless the database is configured, saying how to enable it. */
    void assumeAvailable() {
        if (variable == null) {
            return;
        }
        String example = this == POSTGRES ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
                : "jdbc:mariadb://127.0.0.1:3306/test?user=root";
        assumeTrue(System.getenv(variable) != null && !System.getenv(variable).isBlank(),
                () -> name() + " tests are skipped: set " + variable + " to a JDBC URL with user and password to run"
                        + " them, e.g. " + variable + "=" + example + " (.ci/run sets it)");
    }

    /** A JDBC URL; for H2 a new private in-memory database. */
    String url() {
        if (variable == null) {
            return "jdbc:h2:mem:crm" + UUID.randomUUID().toString().replace("-", "") + ";LOCK_TIMEOUT=10000";
        }
        return System.getenv(variable);
    }

    static String newPrefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
    }

    /** A storage on a fresh prefix (shared databases) or a fresh database (H2). */
    JdbcStorage.Builder builder(String prefix) {
        return JdbcStorage.builder().url(url()).tablePrefix(prefix).maximumPoolSize(4);
    }

    /**
     * Storages for the contract suites on this shared database: one random table prefix, migrated by the first
     * storage and emptied before every later one, and a second storage (its own pool, not migrating) on the same
     * tables. {@link SharedTables#drop()} removes the tables at the end.
     */
    SharedTables sharedTables() {
        return new SharedTables(this);
    }

    /** See {@link #sharedTables()}. Used by one test at a time. */
    static final class SharedTables implements StorageFactory {
        private final TestDb db;
        private final String prefix = newPrefix();
        private boolean migrated;

        private SharedTables(TestDb db) {
            this.db = db;
        }

        @Override
        public CrmStorage open() {
            db.assumeAvailable();
            if (migrated) {
                deleteAll(db.url(), prefix);
            }
            JdbcStorage storage = db.builder(prefix).build();
            migrated = true;
            return storage;
        }

        @Override
        public Optional<CrmStorage> openOnSameData(CrmStorage first) {
            return Optional.of(db.builder(prefix).migrate(false).build());
        }

        /** Drops the tables, if a storage made them. */
        void drop() {
            if (migrated) {
                dropTables(db.url(), prefix);
            }
        }
    }

    /**
     * Deletes every row of every table whose name starts with the prefix, except crmkit's migration history,
     * so the next storage on the prefix starts empty. The tables are read from the database, not listed
     * here, so tables added by later migrations (such as {@code outbox} and {@code outbox_attachments} in V2)
     * are emptied too; a fixed list once missed {@code outbox}, and outbox rows leaked from test to test.
     */
    static void deleteAll(String url, String prefix) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            String history = (prefix + "schema_history").toLowerCase(Locale.ROOT);
            List<String> tables = tables(c, prefix).stream().filter(t -> !t.equals(history)).toList();
            if (tables.isEmpty()) {
                throw new IllegalStateException("no tables with prefix " + prefix + " to clean");
            }
            boolean maria = isMariaDb(c);
            if (maria) {
                s.execute("SET FOREIGN_KEY_CHECKS = 0");
            }
            try {
                // PostgreSQL: every foreign key is ON DELETE CASCADE, so any order works
                for (String t : tables) {
                    s.executeUpdate("DELETE FROM " + t);
                }
            } finally {
                if (maria) {
                    s.execute("SET FOREIGN_KEY_CHECKS = 1");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clean tables with prefix " + prefix, e);
        }
    }

    private static boolean isMariaDb(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("maria") || product.contains("mysql");
    }

    /** Drops every table whose name starts with the prefix. */
    static void dropTables(String url, String prefix) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            List<String> tables = tables(c, prefix);
            if (isMariaDb(c)) {
                s.execute("SET FOREIGN_KEY_CHECKS = 0");
                for (String t : tables) {
                    s.execute("DROP TABLE IF EXISTS " + t);
                }
                s.execute("SET FOREIGN_KEY_CHECKS = 1");
            } else {
                for (String t : tables) {
                    s.execute("DROP TABLE IF EXISTS " + t + " CASCADE");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop tables with prefix " + prefix, e);
        }
    }

    /** The tables whose name starts with the prefix, lower-cased. */
    static List<String> tables(Connection c, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                String schema = rs.getString("TABLE_SCHEM");
                if (name.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))
                        && (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA"))) {
                    out.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
