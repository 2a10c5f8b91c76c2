package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, with 100,000 customers over 50 departments and 500 owners and 2,000 shares: a customer search
 * under a department-level scope, as the services run it for an actor whose role sees the customers of their
 * three departments, reads the customers through an index (the name index for a name prefix, the primary key
 * in id order for a first page), not by a sequential scan, and looks up the shares through an index too. The
 * statement is the one crmkit executed, with its parameters, run again under {@code EXPLAIN}.
 */
class PostgresAccessPlanTest {
    private static final int CUSTOMERS = 100_000;
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .grant("sales", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, Action.READ).build();
    private static final Actor SALES = Actor.user("u7").withRoles("sales").inDepartments("d1", "d2", "d3");

    private static PostgresPlans db;
    private static String prefix;
    private static StatementLog log;
    private static Crm crm;

    @BeforeAll
    static void load() throws SQLException {
        db = new PostgresPlans(POLICY);
        prefix = db.prefix;
        log = db.log;
        crm = db.crm;
        String id = "CAST(LPAD(TO_HEX(x), 32, '0') AS UUID)";
        try (Connection c = DriverManager.getConnection(TestDb.POSTGRES.url()); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + prefix + "customers (id, kind, display_name, name_lower, stage, owner_id,"
                    + " department_id, created_at, updated_at, version) SELECT " + id + ", 'PERSON', 'Customer ' || x,"
                    + " 'customer ' || x, 'LEAD', 'u' || (x % 500), 'd' || (x % 50), now(), now(), 1"
                    + " FROM generate_series(1, " + CUSTOMERS + ") x");
            s.executeUpdate("INSERT INTO " + prefix + "shares (kind, record_id, grantee_type, grantee_id, access, cause,"
                    + " shared_by, shared_at) SELECT 'CUSTOMER', " + id + ", CASE WHEN x % 2 = 0 THEN 'D' ELSE 'U' END,"
                    + " CASE WHEN x % 2 = 0 THEN 'd' || (x % 47) ELSE 'u' || (x % 499) END, 'READ', 'MANUAL', 'u1', now()"
                    + " FROM generate_series(1, " + CUSTOMERS + ", 50) x");
            s.execute("ANALYZE " + prefix + "customers, " + prefix + "shares");
        }
    }

    @AfterAll
    static void drop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** The plan of the customer search the call ran, with the parameters it ran with. */
    private static String planOf(Runnable search) throws SQLException {
        StatementLog.Execution statement = db.first(search, " FROM {p}customers c WHERE");
        assertThat(statement.sql()).as("the search carries the scope").contains("c.department_id IN", prefix + "shares");
        return PostgresPlans.explain(statement);
    }

    @Test
    void aNamePrefixSearchOfADepartmentScopeReadsTheNameIndex() throws SQLException {
        String plan = planOf(() -> assertThat(crm.as(SALES).customers()
                .search(CustomerQuery.all().nameStartsWith("Customer 5101"), PageRequest.first(50)).items()).isNotEmpty());

        assertThat(plan).contains("Index Scan using " + prefix + "customers_name_idx")
                .doesNotContain("Seq Scan on " + prefix + "customers")
                .doesNotContain("Seq Scan on " + prefix + "shares");
    }

    @Test
    void theFirstPageOfADepartmentScopeReadsCustomersByIndexNotAllOfThem() throws SQLException {
        String plan = planOf(() -> assertThat(crm.as(SALES).customers()
                .search(CustomerQuery.all(), PageRequest.first(50)).items()).hasSize(50));

        assertThat(plan).containsPattern("Index (Only )?Scan using " + prefix + "customers_")
                .doesNotContain("Seq Scan on " + prefix + "customers")
                .doesNotContain("Seq Scan on " + prefix + "shares");
    }
}
