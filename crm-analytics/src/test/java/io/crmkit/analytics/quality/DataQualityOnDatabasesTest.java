package io.crmkit.analytics.quality;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmkit.core.spi.CrmStorage;
import io.crmkit.jdbc.JdbcStorage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;

/**
 * {@link DataQualityTest} on each database: H2 always, PostgreSQL and MariaDB when {@code CRM_TEST_POSTGRES_URL} /
 * {@code CRM_TEST_MARIADB_URL} are set (.ci/run sets them), each on tables of its own prefix, dropped afterwards.
 */
class DataQualityOnDatabasesTest {
    /** The assessment on one database. */
    abstract static class OnDatabase extends DataQualityTest {
        private final String prefix = "q" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
        private @Nullable String url;

        abstract @Nullable String url();

        @Override
        CrmStorage storage() {
            url = url();
            assumeTrue(url != null && !url.isBlank(), () -> getClass().getSimpleName()
                    + " is skipped: set CRM_TEST_POSTGRES_URL / CRM_TEST_MARIADB_URL to run it (.ci/run does)");
            return JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(2).build();
        }

        @Override
        void dropStorage() {
            String u = url;
            if (u == null || u.startsWith("jdbc:h2:mem:")) {
                return;
            }
            try (Connection c = DriverManager.getConnection(u); Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        String name = rs.getString("TABLE_NAME");
                        if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                            tables.add(name);
                        }
                    }
                }
                boolean maria = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("maria");
                if (maria) {
                    s.execute("SET FOREIGN_KEY_CHECKS = 0");
                }
                for (String t : tables) {
                    s.execute("DROP TABLE IF EXISTS " + t + (maria ? "" : " CASCADE"));
                }
                if (maria) {
                    s.execute("SET FOREIGN_KEY_CHECKS = 1");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop the tables of " + prefix, e);
            }
        }
    }

    @Nested
    class H2 extends OnDatabase {
        @Override
        String url() {
            return "jdbc:h2:mem:quality" + UUID.randomUUID().toString().replace("-", "");
        }
    }

    @Nested
    class PostgreSql extends OnDatabase {
        @Override
        @Nullable String url() {
            return System.getenv("CRM_TEST_POSTGRES_URL");
        }
    }

    @Nested
    class MariaDb extends OnDatabase {
        @Override
        @Nullable String url() {
            return System.getenv("CRM_TEST_MARIADB_URL");
        }
    }
}
