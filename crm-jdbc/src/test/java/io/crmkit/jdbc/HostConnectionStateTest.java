package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.customer.Customer;
import io.crmkit.testkit.TestData;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host pool that does not reset its connections gets each one back as it lent it: in auto-commit mode, with
 * no transaction left open, after a unit of work that committed and after one that failed.
 */
class HostConnectionStateTest {
    private final TestData data = TestData.create();
    private final Connection physical;
    private final List<Boolean> autoCommitAtReturn = new ArrayList<>();

    HostConnectionStateTest() throws SQLException {
        physical = DriverManager.getConnection(TestDb.H2.url());
    }

    @AfterEach
    void close() throws SQLException {
        physical.close();
    }

    /** Lends the one connection; its {@code close()} records the auto-commit mode and keeps it open. */
    private DataSource singleConnection() {
        Connection lent = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        autoCommitAtReturn.add(physical.getAutoCommit());
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> lent;
                    case "toString" -> "single connection";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void connectionsGoBackInAutoCommitModeAfterCommitAndAfterRollback() throws SQLException {
        try (JdbcStorage storage = JdbcStorage.builder().dataSource(singleConnection()).build()) {
            autoCommitAtReturn.clear();
            Customer kept = data.person("提交").build();
            storage.inTransaction(r -> {
                r.customers().insert(kept);
                return null;
            });
            IllegalStateException boom = new IllegalStateException("boom");
            Customer rolledBack = data.person("回滚").build();
            assertThatThrownBy(() -> storage.inTransaction(r -> {
                r.customers().insert(rolledBack);
                throw boom;
            })).isSameAs(boom);

            assertThat(autoCommitAtReturn).containsExactly(true, true);
            assertThat(storage.<java.util.Optional<Customer>>read(r -> r.customers().findById(kept.id()))).isPresent();
            assertThat(storage.<java.util.Optional<Customer>>read(r -> r.customers().findById(rolledBack.id()))).isEmpty();
        }
    }
}
