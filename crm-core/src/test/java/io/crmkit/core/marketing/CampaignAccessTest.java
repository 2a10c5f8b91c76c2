package io.crmkit.core.marketing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentHierarchy;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Campaigns as owned records, and members only from the customers the actor may read. */
class CampaignAccessTest {
    private static final DepartmentRef MARKETING = DepartmentRef.of("marketing");
    private static final DepartmentRef EAST = DepartmentRef.of("marketing-east");
    private static final DepartmentRef WEST = DepartmentRef.of("marketing-west");
    private static final Actor OLGA = new Actor(UserRef.of("olga"), Set.of("marketer"), Set.of(EAST));
    private static final Actor DAN = new Actor(UserRef.of("dan"), Set.of("team"), Set.of(EAST));
    private static final Actor MIA = new Actor(UserRef.of("mia"), Set.of("manager"), Set.of(MARKETING));
    private static final Actor WES = new Actor(UserRef.of("wes"), Set.of("team"), Set.of(WEST));
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .grant("marketer", AccessLevel.OWN, RecordKind.CUSTOMER, Action.READ)
            .grantAll("team", AccessLevel.ALL, RecordKind.CUSTOMER)
            .grantAll("manager", AccessLevel.ALL, RecordKind.CUSTOMER)
            .grant("marketer", AccessLevel.OWN, RecordKind.CAMPAIGN, Action.READ, Action.CREATE, Action.EDIT)
            .grantAll("team", AccessLevel.DEPARTMENT, RecordKind.CAMPAIGN)
            .grant("manager", AccessLevel.DEPARTMENT, RecordKind.CAMPAIGN, Action.READ)
            .departments(DepartmentHierarchy.ofParents(Map.of("marketing-east", "marketing", "marketing-west", "marketing")))
            .build();

    private final Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START)).access(POLICY).build();
    private final Campaign olgas = create(OLGA, EAST, "olga's");
    private final Campaign dans = create(DAN, EAST, "dan's");
    private final Campaign wess = create(WES, WEST, "wes's");

    @AfterEach
    void close() {
        crm.close();
    }

    private Campaign create(Actor actor, DepartmentRef dept, String name) {
        return crm.as(actor).campaigns().create(NewCampaign.of(name, ChannelKind.SMS, LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 3, 31), BigDecimal.TEN, "CNY").department(dept));
    }

    private List<String> seen(Actor actor) {
        return Pages.all(p -> crm.as(actor).campaigns().search(CampaignQuery.all(), p), 2).stream().map(Campaign::name).toList();
    }

    @Test
    void eachSeesWhatTheirLevelAdmits() {
        assertThat(seen(OLGA)).containsExactly("olga's");
        assertThat(seen(DAN)).containsExactly("olga's", "dan's");
        assertThat(seen(MIA)).containsExactly("olga's", "dan's", "wes's");
        assertThat(seen(WES)).containsExactly("wes's");
        assertThat(seen(new Actor(UserRef.of("nobody"), Set.of(), Set.of(EAST)))).isEmpty();
        assertThat(crm.as(WES).campaigns().get(olgas.id())).isEmpty();
        assertThat(crm.as(MIA).campaigns().get(wess.id())).isPresent();
    }

    @Test
    void changesNeedEdit() {
        assertThatThrownBy(() -> crm.as(WES).campaigns().transition(olgas.id(), CampaignStatus.SCHEDULED, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.as(MIA).campaigns().transition(olgas.id(), CampaignStatus.SCHEDULED, null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> crm.as(OLGA).campaigns().update(dans.edit().name("mine")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.as(OLGA).campaigns().update(olgas.edit().owner(UserRef.of("dan"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(crm.as(DAN).campaigns().transition(olgas.id(), CampaignStatus.SCHEDULED, null).status())
                .isEqualTo(CampaignStatus.SCHEDULED);
        assertThatThrownBy(() -> crm.as(MIA).campaigns().addMembers(olgas.id(), List.of()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> crm.as(WES).campaigns().results(olgas.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.as(WES).campaigns().members(olgas.id(), io.crmkit.core.PageRequest.first(5)))
                .isInstanceOf(NotFoundException.class);
        assertThat(crm.as(WES).campaigns().member(olgas.id(), crm.customers().create(NewCustomer.person("x")).id())).isEmpty();
    }

    @Test
    void creationNeedsCreateForTheOwnerAndDepartment() {
        assertThatThrownBy(() -> crm.as(OLGA).campaigns().create(NewCampaign.of("x", ChannelKind.SMS, LocalDate.of(2025, 3, 1),
                LocalDate.of(2025, 3, 31), BigDecimal.TEN, "CNY").owner(UserRef.of("dan")))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> create(MIA, MARKETING, "x")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anActorAddsOnlyTheCustomersTheyMayRead() {
        Customer hers = crm.customers().create(NewCustomer.person("hers").owner(UserRef.of("olga")));
        Customer others = crm.customers().create(NewCustomer.person("others").owner(UserRef.of("dan")));
        Customer shared = crm.customers().create(NewCustomer.person("shared").owner(UserRef.of("dan")));
        crm.access().share(RecordKind.CUSTOMER, shared.id().value(), UserRef.of("olga"), io.crmkit.core.security.ShareAccess.READ);

        assertThat(crm.as(OLGA).campaigns().addMembers(olgas.id(), Segment.of(CustomerQuery.all()))).isEqualTo(2);
        assertThat(crm.as(OLGA).campaigns().member(olgas.id(), hers.id())).isPresent();
        assertThat(crm.as(OLGA).campaigns().member(olgas.id(), shared.id())).isPresent();
        assertThat(crm.as(OLGA).campaigns().member(olgas.id(), others.id())).isEmpty();
        assertThat(crm.as(OLGA).campaigns().addMembers(olgas.id(), List.of(others.id(), hers.id()))).isZero();
        assertThat(crm.as(DAN).campaigns().addMembers(olgas.id(), List.of(others.id()))).isEqualTo(1);
    }
}
