package io.crmkit.jdbc;

import io.crmkit.core.document.ContentStore;
import io.crmkit.testkit.ContentStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/**
 * {@link ContentStoreContract} on the database content store ({@code JdbcStorage.contentStore()}) of every database:
 * objects are counted as the rows of {@code content_objects} and {@code content_chunks}, so a failed write that left a
 * chunk behind fails it.
 */
class JdbcContentStoreTest {
    /** The contract on one database, a fresh prefix (or H2 database) for each test. */
    abstract static class OnDatabase extends ContentStoreContract {
        private JdbcStorage storage;
        private String url;
        private String prefix;

        abstract TestDb db();

        @Override
        protected ContentStore openStore() {
            db().assumeAvailable();
            url = db().url();
            prefix = TestDb.newPrefix();
            storage = JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(4).build();
            return storage.contentStore().orElseThrow();
        }

        @Override
        protected long storedObjects() {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM " + prefix + "content_objects)"
                         + " + (SELECT COUNT(*) FROM " + prefix + "content_chunks)")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @AfterEach
        void drop() {
            if (storage != null) {
                storage.close();
                if (db() != TestDb.H2) {
                    TestDb.dropTables(url, prefix);
                }
            }
        }
    }

    @Nested
    class H2 extends OnDatabase {
        @Override
        TestDb db() {
            return TestDb.H2;
        }
    }

    @Nested
    class Postgres extends OnDatabase {
        @Override
        TestDb db() {
            return TestDb.POSTGRES;
        }
    }

    @Nested
    class MariaDb extends OnDatabase {
        @Override
        TestDb db() {
            return TestDb.MARIADB;
        }
    }
}
