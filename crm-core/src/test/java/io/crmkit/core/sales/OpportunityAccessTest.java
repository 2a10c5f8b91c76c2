package io.crmkit.core.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentHierarchy;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Opportunities as owned records: the owner, the department, a manager above it, and everyone else. */
class OpportunityAccessTest {
    private static final DepartmentRef SALES = DepartmentRef.of("sales");
    private static final DepartmentRef EAST = DepartmentRef.of("sales-east");
    private static final DepartmentRef WEST = DepartmentRef.of("sales-west");
    private static final Actor OLGA = new Actor(UserRef.of("olga"), Set.of("rep"), Set.of(EAST));
    private static final Actor DAN = new Actor(UserRef.of("dan"), Set.of("team"), Set.of(EAST));
    private static final Actor MIA = new Actor(UserRef.of("mia"), Set.of("manager"), Set.of(SALES));
    private static final Actor WES = new Actor(UserRef.of("wes"), Set.of("team"), Set.of(WEST));
    private static final Actor NOBODY = new Actor(UserRef.of("nobody"), Set.of(), Set.of(EAST));
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .grantAll("rep", AccessLevel.ALL, RecordKind.CUSTOMER)
            .grantAll("team", AccessLevel.ALL, RecordKind.CUSTOMER)
            .grantAll("manager", AccessLevel.ALL, RecordKind.CUSTOMER)
            .grant("rep", AccessLevel.OWN, RecordKind.OPPORTUNITY, Action.READ, Action.CREATE, Action.EDIT)
            .grantAll("team", AccessLevel.DEPARTMENT, RecordKind.OPPORTUNITY)
            .grant("manager", AccessLevel.DEPARTMENT, RecordKind.OPPORTUNITY, Action.READ)
            .grant("rep", AccessLevel.OWN, RecordKind.AUDIT, Action.READ)
            .departments(DepartmentHierarchy.ofParents(Map.of("sales-east", "sales", "sales-west", "sales")))
            .build();
    private static final LocalDate JUNE = LocalDate.of(2025, 6, 30);

    private final Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START)).access(POLICY).build();
    private final Customer customer = crm.customers().create(NewCustomer.organization("华为"));
    /** olga's own, in sales-east. */
    private final Opportunity olgas = create(OLGA, UserRef.of("olga"), EAST, "olga's");
    /** dan's, in sales-east. */
    private final Opportunity dans = create(DAN, UserRef.of("dan"), EAST, "dan's");
    /** wes's, in sales-west. */
    private final Opportunity wess = create(WES, UserRef.of("wes"), WEST, "wes's");

    @AfterEach
    void close() {
        crm.close();
    }

    private Opportunity create(Actor actor, UserRef owner, DepartmentRef department, String name) {
        return crm.as(actor).opportunities().create(NewOpportunity.of(customer.id(), name, new BigDecimal("100"), "CNY", JUNE)
                .owner(owner).department(department));
    }

    private List<String> visible(Actor actor) {
        CrmServices s = crm.as(actor);
        return Pages.all(p -> s.opportunities().search(OpportunityQuery.all(), p), 1).stream().map(Opportunity::name).sorted().toList();
    }

    private long forecastCount(Actor actor) {
        return crm.as(actor).opportunities().forecast(ForecastQuery.byMonth()).totals().stream().mapToLong(ForecastRow::count).sum();
    }

    @Test
    void eachActorReadsAndListsWhatTheirLevelAdmits() {
        assertThat(visible(OLGA)).containsExactly("olga's");
        assertThat(visible(DAN)).containsExactly("dan's", "olga's");
        assertThat(visible(MIA)).containsExactly("dan's", "olga's", "wes's");
        assertThat(visible(WES)).containsExactly("wes's");
        assertThat(visible(NOBODY)).isEmpty();
        assertThat(visible(Actor.SYSTEM)).hasSize(3);
        assertThat(crm.as(OLGA).opportunities().get(dans.id())).isEmpty();
        assertThat(crm.as(WES).opportunities().get(olgas.id())).isEmpty();
        assertThat(crm.as(MIA).opportunities().get(wess.id())).contains(wess);
        assertThat(crm.as(OLGA).access().can(Action.READ, RecordKind.OPPORTUNITY, olgas.id().value())).isTrue();
        assertThat(crm.as(OLGA).access().can(Action.READ, RecordKind.OPPORTUNITY, dans.id().value())).isFalse();
    }

    @Test
    void theForecastSumsOnlyWhatTheActorMayRead() {
        assertThat(forecastCount(OLGA)).isEqualTo(1);
        assertThat(forecastCount(DAN)).isEqualTo(2);
        assertThat(forecastCount(MIA)).isEqualTo(3);
        assertThat(forecastCount(NOBODY)).isZero();
        assertThat(crm.as(NOBODY).opportunities().forecast(ForecastQuery.byMonth()).byCategory()).isEmpty();
    }

    @Test
    void changesTakeTheRightToEditAndAnUnreadableOneIsMissing() {
        assertThatThrownBy(() -> crm.as(OLGA).opportunities().moveTo(dans.id(), "proposal", null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.as(MIA).opportunities().moveTo(dans.id(), "proposal", null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> crm.as(MIA).opportunities().recordActivity(dans.id()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(crm.as(DAN).opportunities().moveTo(olgas.id(), "proposal", null).stageCode()).isEqualTo("proposal");
        assertThat(crm.as(OLGA).opportunities().update(crm.as(OLGA).opportunities().require(olgas.id()).edit().name("mine"))
                .name()).isEqualTo("mine");
    }

    @Test
    void creationTakesTheRightToCreateForThatOwnerAndDepartment() {
        assertThatThrownBy(() -> create(OLGA, UserRef.of("dan"), EAST, "for dan")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> create(MIA, UserRef.of("mia"), SALES, "manager's")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> create(DAN, UserRef.of("wes"), WEST, "other department")).isInstanceOf(AccessDeniedException.class);
        assertThat(create(DAN, UserRef.of("olga"), EAST, "for olga").owner()).isEqualTo(UserRef.of("olga"));
        assertThat(visible(OLGA)).contains("for olga");
    }

    @Test
    void anEditMayNotPutTheOpportunityOutOfTheEditorsReach() {
        var edit = crm.as(OLGA).opportunities().require(olgas.id()).edit().owner(UserRef.of("dan"));

        assertThatThrownBy(() -> crm.as(OLGA).opportunities().update(edit)).isInstanceOf(AccessDeniedException.class);
        assertThat(crm.opportunities().require(olgas.id()).owner()).isEqualTo(UserRef.of("olga"));
        // a department member hands it over inside the department
        assertThat(crm.as(DAN).opportunities().update(crm.as(DAN).opportunities().require(olgas.id()).edit()
                .owner(UserRef.of("dan"))).owner()).isEqualTo(UserRef.of("dan"));
    }

    @Test
    void aShareLendsAnOpportunityToReadOrEdit() {
        crm.as(WES).access().share(RecordKind.OPPORTUNITY, wess.id().value(), OLGA.user(), ShareAccess.READ);

        assertThat(visible(OLGA)).containsExactly("olga's", "wes's");
        assertThat(crm.as(OLGA).opportunities().get(wess.id())).isPresent();
        assertThatThrownBy(() -> crm.as(OLGA).opportunities().recordActivity(wess.id())).isInstanceOf(AccessDeniedException.class);
        crm.as(WES).access().share(RecordKind.OPPORTUNITY, wess.id().value(), OLGA.user(), ShareAccess.EDIT);
        assertThat(crm.as(OLGA).opportunities().recordActivity(wess.id()).version()).isEqualTo(2);
        assertThat(crm.as(OLGA).access().sharesOf(RecordKind.OPPORTUNITY, wess.id().value())).hasSize(1);
        assertThat(crm.as(WES).access().unshare(RecordKind.OPPORTUNITY, wess.id().value(), OLGA.user())).isTrue();
        assertThat(visible(OLGA)).containsExactly("olga's");
        assertThatThrownBy(() -> crm.as(OLGA).access().share(RecordKind.OPPORTUNITY, dans.id().value(), OLGA.user(),
                ShareAccess.READ)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anOpportunitysAuditHistoryIsReadByWhoMayReadIt() {
        assertThat(Pages.all(p -> crm.as(OLGA).audit().history(RecordKind.OPPORTUNITY, olgas.id().value(), p)))
                .extracting(e -> e.action().name()).containsExactly("CREATE");
        assertThat(Pages.all(p -> crm.as(OLGA).audit().history(RecordKind.OPPORTUNITY, dans.id().value(), p))).isEmpty();
    }

    @Test
    void theCustomerMustBeReadable() {
        AccessPolicy noCustomers = AccessPolicy.builder()
                .grantAll("rep", AccessLevel.OWN, RecordKind.OPPORTUNITY).build();
        try (Crm other = TestCrm.builder(MutableClock.at(TestCrm.START)).access(noCustomers).build()) {
            Customer c = other.customers().create(NewCustomer.person("王五"));
            assertThatThrownBy(() -> other.as(OLGA).opportunities().create(NewOpportunity.of(c.id(), "n", BigDecimal.ONE, "CNY", JUNE)))
                    .isInstanceOf(NotFoundException.class);
        }
    }
}
