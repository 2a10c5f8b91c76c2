package io.crmkit.core.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weekly forecast snapshots set against what was won, on a small set worked by hand. The snapshot is taken on Monday
 * 2025-03-10 (the test clock's start); two days later b is won, c lost and e won.
 *
 * <pre>
 * name  owner  dept  close       at the snapshot         weighted  committed   now
 * a     li     东区   2025-04-10  qualification 1000 CNY   100       -           open
 * b     li     东区   2025-04-20  negotiation    500 CNY   300       500         won 500
 * c     wang   西区   2025-04-15  proposal      2000 CNY   800       -           lost
 * d     wang   西区   2025-05-05  closed_won     300 CNY   300       300         won 300
 * e     li     东区   2025-04-25  (made later)                                   won 700
 * </pre>
 */
class ForecastSnapshotTest {
    private static final DepartmentRef EAST = DepartmentRef.of("东区");
    private static final DepartmentRef WEST = DepartmentRef.of("西区");
    private static final LocalDate WEEK = LocalDate.of(2025, 3, 10);
    private static final LocalDate APRIL = LocalDate.of(2025, 4, 1);
    private static final LocalDate MAY = LocalDate.of(2025, 5, 1);
    private static final Actor LI = new Actor(UserRef.of("li"), Set.of("rep"), Set.of(EAST));
    private static final Actor BOSS = new Actor(UserRef.of("boss"), Set.of("manager"), Set.of());
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .grant("rep", AccessLevel.OWN, RecordKind.OPPORTUNITY, Action.READ)
            .grant("manager", AccessLevel.ALL, RecordKind.OPPORTUNITY, Action.READ)
            .build();

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Crm crm = TestCrm.builder(clock).access(POLICY).build();
    private final OpportunityService sales = crm.opportunities();
    private Customer customer;
    private Opportunity b;
    private Opportunity c;

    @AfterEach
    void close() {
        crm.close();
    }

    private Opportunity add(String name, String owner, DepartmentRef dept, String close, String stage, String amount) {
        Opportunity o = sales.create(NewOpportunity.of(customer.id(), name, new BigDecimal(amount), "CNY",
                LocalDate.parse(close)).owner(UserRef.of(owner)).department(dept));
        return stage.equals("qualification") ? o : sales.moveTo(o.id(), stage, null);
    }

    @BeforeEach
    void seed() {
        customer = crm.customers().create(NewCustomer.organization("客户"));
        add("a", "li", EAST, "2025-04-10", "qualification", "1000");
        b = add("b", "li", EAST, "2025-04-20", "negotiation", "500");
        c = add("c", "wang", WEST, "2025-04-15", "proposal", "2000");
        add("d", "wang", WEST, "2025-05-05", "closed_won", "300");
    }

    private void afterTheSnapshot() {
        clock.advance(Duration.ofDays(2));
        sales.win(b.id(), null);
        sales.lose(c.id(), "预算取消");
        add("e", "li", EAST, "2025-04-25", "closed_won", "700");
    }

    private static void assertRow(ForecastComparison row, LocalDate period, Optional<UserRef> owner,
                                  Optional<DepartmentRef> department, String weighted, String committed, String won) {
        assertThat(row.period()).isEqualTo(period);
        assertThat(row.owner()).isEqualTo(owner);
        assertThat(row.department()).isEqualTo(department);
        assertThat(row.currency().getCurrencyCode()).isEqualTo("CNY");
        assertThat(row.weighted()).as("weighted").isEqualByComparingTo(weighted);
        assertThat(row.committed()).as("committed").isEqualByComparingTo(committed);
        assertThat(row.won()).as("won").isEqualByComparingTo(won);
    }

    @Test
    void aSnapshotIsSetAgainstWhatWasWonPerPeriod() {
        ForecastSnapshot taken = sales.snapshotForecast();
        assertThat(taken.week()).isEqualTo(WEEK);
        assertThat(taken.takenAt()).isEqualTo(Instant.parse(TestCrm.START));
        afterTheSnapshot();

        List<ForecastComparison> rows = sales.forecastVsActual(LocalDate.of(2025, 3, 12), ForecastQuery.byMonth());
        assertThat(rows).hasSize(2);
        assertRow(rows.get(0), APRIL, Optional.empty(), Optional.empty(), "1200", "500", "1200");
        assertRow(rows.get(1), MAY, Optional.empty(), Optional.empty(), "300", "300", "300");
        assertThat(rows.get(0).error()).isEqualByComparingTo("0");

        List<ForecastComparison> quarter = sales.forecastVsActual(WEEK, ForecastQuery.byQuarter());
        assertThat(quarter).hasSize(1);
        assertRow(quarter.get(0), APRIL, Optional.empty(), Optional.empty(), "1500", "800", "1500");
    }

    @Test
    void eachReaderSeesTheRowsOfTheOwnersTheyMayRead() {
        sales.snapshotForecast();
        afterTheSnapshot();

        List<ForecastComparison> mine = crm.as(LI).opportunities().forecastVsActual(WEEK, ForecastQuery.byMonth().byOwner());
        assertThat(mine).hasSize(1);
        assertRow(mine.get(0), APRIL, Optional.of(UserRef.of("li")), Optional.empty(), "400", "500", "1200");

        List<ForecastComparison> byDepartment = crm.as(BOSS).opportunities().forecastVsActual(WEEK,
                ForecastQuery.byMonth().byDepartment());
        assertThat(byDepartment).hasSize(3);
        assertRow(byDepartment.get(0), APRIL, Optional.empty(), Optional.of(EAST), "400", "500", "1200");
        assertRow(byDepartment.get(1), APRIL, Optional.empty(), Optional.of(WEST), "800", "0", "0");
        assertRow(byDepartment.get(2), MAY, Optional.empty(), Optional.of(WEST), "300", "300", "300");

        ForecastSnapshot seen = crm.as(LI).opportunities().snapshot(WEEK, ForecastQuery.byMonth().byOwnerAndDepartment())
                .orElseThrow();
        assertThat(seen.rows()).extracting(ForecastRow::owner).containsOnly(Optional.of(UserRef.of("li")));
        assertThat(seen.rows()).extracting(ForecastRow::department).containsOnly(Optional.of(EAST));
        assertThat(seen.rows().stream().map(ForecastRow::weighted).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("400");
    }

    @Test
    void onlyWhoMayReadEveryOpportunityTakesOne() {
        assertThatThrownBy(() -> crm.as(LI).opportunities().snapshotForecast()).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("li may not read");
        assertThat(sales.snapshotWeeks(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1))).isEmpty();

        ForecastSnapshot byTheManager = crm.as(BOSS).opportunities().snapshotForecast();
        assertThat(byTheManager.rows().stream().mapToLong(ForecastRow::count).sum()).isEqualTo(4);
    }

    @Test
    void takingItAgainInTheSameWeekReplacesIt() {
        sales.snapshotForecast();
        afterTheSnapshot();
        ForecastSnapshot again = sales.snapshotForecast();
        assertThat(again.week()).isEqualTo(WEEK);
        assertThat(again.takenAt()).isEqualTo(Instant.parse(TestCrm.START).plus(Duration.ofDays(2)));

        ForecastSnapshot stored = sales.snapshot(WEEK, ForecastQuery.byMonth()).orElseThrow();
        assertThat(stored.takenAt()).isEqualTo(again.takenAt());
        assertThat(stored.rows().stream().mapToLong(ForecastRow::count).sum()).isEqualTo(5);
        assertThat(sales.snapshotWeeks(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1))).containsExactly(WEEK);

        clock.advance(Duration.ofDays(7));
        sales.snapshotForecast();
        assertThat(sales.snapshotWeeks(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)))
                .containsExactly(WEEK, WEEK.plusWeeks(1));
        assertThat(sales.snapshotWeeks(WEEK.plusDays(1), LocalDate.of(2026, 1, 1))).containsExactly(WEEK.plusWeeks(1));
    }

    @Test
    void aWeekWithoutASnapshotOrAPipelineIsRefused() {
        assertThat(sales.snapshot(WEEK, ForecastQuery.byMonth())).isEmpty();
        assertThatThrownBy(() -> sales.forecastVsActual(WEEK, ForecastQuery.byMonth()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("2025-03-10");
        sales.snapshotForecast();
        assertThatThrownBy(() -> sales.snapshot(WEEK, ForecastQuery.byMonth().pipeline("default")))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.violations()).extracting(ValidationException.Violation::field).containsExactly("pipeline"));
    }
}
