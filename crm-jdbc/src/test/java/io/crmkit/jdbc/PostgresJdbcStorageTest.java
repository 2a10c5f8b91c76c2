package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.crmkit.core.StorageException;
import io.crmkit.core.customer.Customer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** {@link JdbcStorageBehaviour} on PostgreSQL, and recovery from a lost connection; skipped unless CRM_TEST_POSTGRES_URL is set. */
class PostgresJdbcStorageTest extends OutboxBehaviour {
    @Override
    TestDb db() {
        return TestDb.POSTGRES;
    }

    @Test
    void aKilledBackendSurfacesAsStorageExceptionAndThePoolRecovers() throws Exception {
        String app = "crmkit-" + prefix;
        String appUrl = url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + app;
        JdbcStorage storage = open(JdbcStorage.builder().url(appUrl).tablePrefix(prefix).maximumPoolSize(1));
        Customer c = data.person("Survivor").build();
        storage.inTransaction(r -> {
            r.customers().insert(c);
            return null;
        });

        Throwable lost = catchThrowable(() -> storage.inTransaction(r -> {
            assertThat(r.customers().findById(c.id())).isPresent();
            assertThat(terminateBackends(app)).isEqualTo(1);
            return r.customers().findById(c.id());
        }));
        assertThat(lost).isExactlyInstanceOf(StorageException.class).hasMessageContaining("find customer " + c.id());

        assertThat(customer(storage, c.id())).contains(c);
        storage.inTransaction(r -> {
            r.customers().insert(data.person("After the outage").build());
            return null;
        });
    }

    private int terminateBackends(String applicationName) {
        try (Connection admin = DriverManager.getConnection(url);
             PreparedStatement ps = admin.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
