package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.sales.Forecast;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.OpportunityQuery;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL, with 100,000 opportunities over 1,000 customers, 500 owners, 50 departments, the six default stages
 * and the days of 2025: a customer's opportunities, an owner's of a stage and an owner's forecast of a quarter are
 * read through indexes, not by a sequential scan, and the forecast of all of them is one GROUP BY whose rows are
 * the months and categories (the
 * statements are the ones crmkit executed, with their parameters, run again under {@code EXPLAIN}).
 */
class PostgresOpportunityPlanTest {
    private static final int OPPORTUNITIES = 100_000;
    private static final String[] STAGES = {"qualification", "needs_analysis", "proposal", "negotiation", "closed_won", "closed_lost"};
    private static final String[] PROBABILITIES = {"0.1", "0.2", "0.4", "0.6", "1", "0"};
    private static final String[] CATEGORIES = {"PIPELINE", "PIPELINE", "BEST_CASE", "COMMIT", "CLOSED_WON", "CLOSED_LOST"};
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .grant("rep", AccessLevel.OWN, RecordKind.OPPORTUNITY, Action.READ).build();
    private static final Actor REP = Actor.user("u7").withRoles("rep");

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
        StringBuilder stage = new StringBuilder("CASE x % 6");
        StringBuilder probability = new StringBuilder("CASE x % 6");
        StringBuilder category = new StringBuilder("CASE x % 6");
        for (int i = 0; i < 6; i++) {
            stage.append(" WHEN ").append(i).append(" THEN '").append(STAGES[i]).append("'");
            probability.append(" WHEN ").append(i).append(" THEN ").append(PROBABILITIES[i]);
            category.append(" WHEN ").append(i).append(" THEN '").append(CATEGORIES[i]).append("'");
        }
        try (Connection c = DriverManager.getConnection(TestDb.POSTGRES.url()); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + prefix + "opportunities (id, customer_id, name, amount, amount_scale, currency,"
                    + " expected_close, pipeline_code, stage_code, probability, category, is_open, owner_id, department_id,"
                    + " created_at, updated_at, last_activity_at, version) SELECT CAST(LPAD(TO_HEX(x), 32, '0') AS UUID),"
                    + " CAST(LPAD(TO_HEX(1000000 + x % 1000), 32, '0') AS UUID), 'o' || x, 100.00, 2, 'CNY',"
                    + " DATE '2025-01-01' + (x % 365), 'default', " + stage + " END, " + probability + " END, " + category
                    + " END, x % 6 < 4, 'u' || (x % 500), 'd' || (x % 50), now(), now(), now(), 1"
                    + " FROM generate_series(1, " + OPPORTUNITIES + ") x");
            s.execute("ANALYZE " + prefix + "opportunities");
        }
    }

    @AfterAll
    static void drop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    /** The plan of the first statement on opportunities the call ran, with the parameters it ran with. */
    private static String planOf(Runnable call) throws SQLException {
        StatementLog.Execution statement = db.first(call, " FROM {p}opportunities o WHERE");
        return PostgresPlans.explain(statement);
    }

    private static CustomerId customer(int n) {
        return new CustomerId(UUID.fromString(String.format("00000000-0000-0000-0000-%012x", 1_000_000 + n)));
    }

    @Test
    void aCustomersOpportunitiesAreReadThroughTheCustomerIndex() throws SQLException {
        String plan = planOf(() -> assertThat(crm.opportunities().ofCustomer(customer(17), PageRequest.first(50)).items())
                .hasSize(50));

        assertThat(plan).contains(prefix + "opportunities_customer_idx").doesNotContain("Seq Scan on " + prefix + "opportunities");
    }

    @Test
    void anOwnerScopedSearchOfAStageReadsAnIndex() throws SQLException {
        String plan = planOf(() -> assertThat(crm.as(REP).opportunities()
                .search(OpportunityQuery.all().stages("negotiation").openOnly(), PageRequest.first(50)).items())
                .isNotEmpty().allMatch(o -> o.owner().id().equals("u7") && o.stageCode().equals("negotiation")));

        assertThat(plan).containsPattern("Index (Only )?Scan using " + prefix + "opportunities_")
                .doesNotContain("Seq Scan on " + prefix + "opportunities");
    }

    @Test
    void anOwnersForecastOfAQuarterReadsAnIndex() throws SQLException {
        LocalDate q1 = LocalDate.of(2025, 1, 1);
        String plan = planOf(() -> {
            Forecast f = crm.as(REP).opportunities().forecast(ForecastQuery.byQuarter().closingBetween(q1, q1.plusMonths(3)));
            long expected = 0;
            for (int x = 1; x <= OPPORTUNITIES; x++) {
                expected += x % 500 == 7 && x % 365 < 90 ? 1 : 0;
            }
            assertThat(f.totals()).hasSize(1);
            assertThat(f.totals().get(0).count()).isEqualTo(expected);
        });

        assertThat(plan).contains("Group Key", "Index Cond").doesNotContain("Seq Scan on " + prefix + "opportunities");
    }

    @Test
    void theForecastOfEveryOpportunityIsOneRowPerMonthCategoryAndCurrency() {
        Forecast f = crm.opportunities().forecast(ForecastQuery.byMonth());
        BigDecimal weighted = BigDecimal.ZERO;
        for (int x = 1; x <= OPPORTUNITIES; x++) {
            weighted = weighted.add(new BigDecimal("100.00").multiply(new BigDecimal(PROBABILITIES[x % 6])));
        }

        assertThat(f.byCategory()).hasSizeLessThanOrEqualTo(12 * 5);
        assertThat(f.totals()).hasSize(12);
        assertThat(f.totals().stream().mapToLong(ForecastRow::count).sum()).isEqualTo(OPPORTUNITIES);
        assertThat(f.totals().stream().map(ForecastRow::weighted).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(weighted);
    }
}
