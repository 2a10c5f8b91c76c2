package io.crmkit.core.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forecast on a small set summed by hand. Default pipeline probabilities: qualification 0.1, proposal 0.4,
 * negotiation 0.6, won 1, lost 0.
 *
 * <pre>
 * name  owner  dept  close       stage          amount        weighted
 * a     li     east  2025-04-10  qualification  1000.00 CNY     100.00
 * b     li     east  2025-04-20  proposal        250.50 CNY     100.20
 * c     wang   west  2025-05-05  negotiation    3333.33 CNY    1999.998
 * d     wang   -     2025-06-30  closed_won      500    CNY     500
 * e     li     east  2025-05-15  closed_lost    9999    CNY       0
 * f     li     east  2025-04-11  proposal        100    USD      40
 * g     wang   west  2025-07-01  qualification  7000    CNY     700     (next quarter)
 * </pre>
 */
class ForecastTest {
    private static final Currency CNY = Currency.getInstance("CNY");
    private static final Currency USD = Currency.getInstance("USD");
    private static final DepartmentRef EAST = DepartmentRef.of("east");
    private static final DepartmentRef WEST = DepartmentRef.of("west");
    private static final LocalDate APRIL = LocalDate.of(2025, 4, 1);
    private static final LocalDate MAY = LocalDate.of(2025, 5, 1);
    private static final LocalDate JUNE = LocalDate.of(2025, 6, 1);
    private static final LocalDate Q2 = APRIL;
    private static final LocalDate Q3 = LocalDate.of(2025, 7, 1);

    private final Crm crm = TestCrm.create(MutableClock.at(TestCrm.START));
    private final OpportunityService sales = crm.opportunities();
    private Customer customer;

    @AfterEach
    void close() {
        crm.close();
    }

    private Opportunity add(String name, String owner, DepartmentRef dept, String close, String stage, String amount, String currency) {
        NewOpportunity form = NewOpportunity.of(customer.id(), name, new BigDecimal(amount), currency, LocalDate.parse(close))
                .owner(UserRef.of(owner));
        if (dept != null) {
            form.department(dept);
        }
        Opportunity o = sales.create(form);
        if (stage.equals("closed_lost")) {
            return sales.lose(o.id(), "lost");
        }
        return stage.equals("qualification") ? o : sales.moveTo(o.id(), stage, null);
    }

    @BeforeEach
    void seed() {
        customer = crm.customers().create(NewCustomer.organization("客户"));
        add("a", "li", EAST, "2025-04-10", "qualification", "1000.00", "CNY");
        add("b", "li", EAST, "2025-04-20", "proposal", "250.50", "CNY");
        add("c", "wang", WEST, "2025-05-05", "negotiation", "3333.33", "CNY");
        add("d", "wang", null, "2025-06-30", "closed_won", "500", "CNY");
        add("e", "li", EAST, "2025-05-15", "closed_lost", "9999", "CNY");
        add("f", "li", EAST, "2025-04-11", "proposal", "100", "USD");
        add("g", "wang", WEST, "2025-07-01", "qualification", "7000", "CNY");
    }

    private static ForecastRow row(LocalDate period, Optional<UserRef> owner, Optional<DepartmentRef> dept,
                                   ForecastCategory category, Currency currency, long count, String amount, String weighted) {
        return new ForecastRow(period, owner, dept, Optional.ofNullable(category), currency, count, new BigDecimal(amount),
                new BigDecimal(weighted));
    }

    @Test
    void monthlyTotalsWeighEachAmountByItsStageAndKeepCurrenciesApart() {
        Forecast f = sales.forecast(ForecastQuery.byMonth());

        assertThat(f.totals()).containsExactly(
                row(APRIL, Optional.empty(), Optional.empty(), null, CNY, 2, "1250.5000", "200.2000"),
                row(APRIL, Optional.empty(), Optional.empty(), null, USD, 1, "100.0000", "40.0000"),
                row(MAY, Optional.empty(), Optional.empty(), null, CNY, 2, "13332.3300", "1999.9980"),
                row(JUNE, Optional.empty(), Optional.empty(), null, CNY, 1, "500.0000", "500.0000"),
                row(Q3, Optional.empty(), Optional.empty(), null, CNY, 1, "7000.0000", "700.0000"));
        assertThat(f.weighted(LocalDate.of(2025, 4, 30), CNY)).isEqualByComparingTo("200.2");
        assertThat(f.weighted(APRIL, USD)).isEqualByComparingTo("40");
        assertThat(f.weighted(LocalDate.of(2030, 1, 1), CNY)).isEqualByComparingTo("0");
    }

    @Test
    void quarterlySumsPerCategory() {
        Forecast f = sales.forecast(ForecastQuery.byQuarter().closingBetween(APRIL, LocalDate.of(2026, 1, 1)));

        assertThat(f.byCategory()).containsExactly(
                row(Q2, Optional.empty(), Optional.empty(), ForecastCategory.PIPELINE, CNY, 1, "1000.0000", "100.0000"),
                row(Q2, Optional.empty(), Optional.empty(), ForecastCategory.BEST_CASE, CNY, 1, "250.5000", "100.2000"),
                row(Q2, Optional.empty(), Optional.empty(), ForecastCategory.BEST_CASE, USD, 1, "100.0000", "40.0000"),
                row(Q2, Optional.empty(), Optional.empty(), ForecastCategory.COMMIT, CNY, 1, "3333.3300", "1999.9980"),
                row(Q2, Optional.empty(), Optional.empty(), ForecastCategory.CLOSED_WON, CNY, 1, "500.0000", "500.0000"),
                row(Q2, Optional.empty(), Optional.empty(), ForecastCategory.CLOSED_LOST, CNY, 1, "9999.0000", "0.0000"),
                row(Q3, Optional.empty(), Optional.empty(), ForecastCategory.PIPELINE, CNY, 1, "7000.0000", "700.0000"));
        assertThat(f.weighted(Q2, CNY)).isEqualByComparingTo("2700.198");
    }

    @Test
    void byOwnerAndByDepartment() {
        Forecast byOwner = sales.forecast(ForecastQuery.byQuarter().byOwner().closingBetween(APRIL, Q3));
        Forecast byDept = sales.forecast(ForecastQuery.byQuarter().byDepartment().closingBetween(APRIL, Q3));
        Optional<UserRef> li = Optional.of(UserRef.of("li"));
        Optional<UserRef> wang = Optional.of(UserRef.of("wang"));

        assertThat(byOwner.totals()).containsExactly(
                row(Q2, li, Optional.empty(), null, CNY, 3, "11249.5000", "200.2000"),
                row(Q2, li, Optional.empty(), null, USD, 1, "100.0000", "40.0000"),
                row(Q2, wang, Optional.empty(), null, CNY, 2, "3833.3300", "2499.9980"));
        assertThat(byDept.totals()).containsExactly(
                row(Q2, Optional.empty(), Optional.empty(), null, CNY, 1, "500.0000", "500.0000"),
                row(Q2, Optional.empty(), Optional.of(EAST), null, CNY, 3, "11249.5000", "200.2000"),
                row(Q2, Optional.empty(), Optional.of(EAST), null, USD, 1, "100.0000", "40.0000"),
                row(Q2, Optional.empty(), Optional.of(WEST), null, CNY, 1, "3333.3300", "1999.9980"));
    }

    @Test
    void aForecastOfAnotherPipelineOrPeriodIsEmpty() {
        assertThat(sales.forecast(ForecastQuery.byMonth().pipeline("other")).totals()).isEmpty();
        assertThat(sales.forecast(ForecastQuery.byMonth().closingBetween(Q3, Q3)).totals()).isEmpty();
        assertThat(crm.as(Actor.user("x")).opportunities().forecast(ForecastQuery.byMonth()).totals()).hasSize(5);
        assertThat(List.of(sales.forecast(ForecastQuery.byMonth().closingBetween(Q3, Q3.plusDays(1))).totals().get(0).count()))
                .containsExactly(1L);
    }
}
