package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.StorageException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.spi.CrmStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcStorageBehaviour} on H2, and the embedded mode. */
class H2JdbcStorageTest extends OutboxBehaviour {
    @Override
    TestDb db() {
        return TestDb.H2;
    }

    @Test
    void embeddedKeepsItsDataAcrossCloseAndReopen(@TempDir Path dir) {
        Path home = dir.resolve("crm data");
        Customer c = data.person("张三 😀").build();
        try (JdbcStorage first = JdbcStorage.embedded(home)) {
            first.inTransaction(r -> {
                r.customers().insert(c);
                return null;
            });
            assertThat(first.toString()).contains("H2").contains("prefix=crm_");
        }
        assertThat(Files.exists(home.resolve("crm.mv.db"))).isTrue();
        try (CrmStorage second = JdbcStorage.embedded(home)) {
            assertThat(customer(second, c.id())).contains(c);
        }
    }

    @Test
    void anH2UrlGetsAStatementCacheUnlessItSetsOne() throws Exception {
        for (String given : new String[] {"", ";QUERY_CACHE_SIZE=16"}) {
            String url = "jdbc:h2:mem:cache" + System.nanoTime() + given;
            try (CrmStorage storage = JdbcStorage.builder().url(url).build();
                 java.sql.Connection c = java.sql.DriverManager.getConnection(url);
                 java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT SETTING_VALUE FROM"
                         + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
                assertThat(storage).isNotNull();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as(url).isEqualTo(given.isEmpty() ? "256" : "16");
            }
        }
        assertThat(JdbcStorage.driverProperties("jdbc:postgresql://db/crm")).containsOnlyKeys("reWriteBatchedInserts");
        assertThat(JdbcStorage.driverProperties("jdbc:postgresql://db/crm?reWriteBatchedInserts=false")).isEmpty();
        assertThat(JdbcStorage.driverProperties("jdbc:mariadb://db/crm")).containsOnlyKeys("rewriteBatchedStatements");
        assertThat(JdbcStorage.driverProperties("jdbc:sqlserver://db")).isEmpty();
    }

    @Test
    void ofUsesTheDefaultPrefix(@TempDir Path dir) {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("host").toAbsolutePath());
        try (JdbcStorage storage = JdbcStorage.of(ds)) {
            assertThat(storage.tablePrefix()).isEqualTo("crm_");
        }
    }

    @Test
    void anUnreachableDatabaseFailsToBuildWithAStorageException() {
        assertThatThrownBy(() -> JdbcStorage.builder().url("jdbc:h2:tcp://127.0.0.1:1/nothing").user("sa")
                .password("pw-that-must-not-show").connectionTimeout(java.time.Duration.ofMillis(500)).build())
                .isInstanceOf(StorageException.class)
                .satisfies(t -> assertNoSecret(t, "pw-that-must-not-show"));
    }
}
