package io.crmkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cases handed to a department go to one of its available members: round robin in the directory's order, or the
 * one with the fewest open cases; absent members are skipped, and with nobody at work the case stays with the
 * department. A case given to a user, or to a department without a route, is left as given.
 */
class CaseRoutingTest {
    private static final DepartmentRef SUPPORT = DepartmentRef.of("售后部");
    private static final DepartmentRef SALES = DepartmentRef.of("销售部");
    private static final UserRef LI = UserRef.of("li");
    private static final UserRef WANG = UserRef.of("wang");
    private static final UserRef ZHAO = UserRef.of("zhao");

    /** The host's teams: 售后部 has li, wang and zhao; the absent set changes while the CRM runs. */
    private final Set<UserRef> absent = ConcurrentHashMap.newKeySet();
    private final TeamDirectory teams = new TeamDirectory() {
        @Override
        public List<UserRef> members(DepartmentRef department) {
            return department.equals(SUPPORT) ? List.of(LI, WANG, ZHAO) : List.of();
        }

        @Override
        public boolean isAvailable(UserRef user, Instant at) {
            return !absent.contains(user);
        }
    };
    private @org.jspecify.annotations.Nullable Crm crm;
    private Customer customer;

    @AfterEach
    void close() {
        if (crm != null) {
            crm.close();
        }
    }

    private void start(RoutingStrategy strategy) {
        crm = TestCrm.builder(MutableClock.at(TestCrm.START)).service(ServiceSettings.builder()
                .route(SUPPORT, strategy).directory(teams).build()).build();
        customer = crm().customers().create(NewCustomer.person("赵敏"));
    }

    private Crm crm() {
        return java.util.Objects.requireNonNull(crm, "start() first");
    }

    private ServiceCase toSupport(String subject) {
        return crm().cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.WEB, "repair", subject)
                .assignTo(Assignee.department(SUPPORT)));
    }

    private static UserRef user(ServiceCase c) {
        return c.assignee().flatMap(Assignee::user).orElseThrow(() -> new AssertionError("no user on " + c.assignee()));
    }

    @Test
    void roundRobinTakesTheMembersInTurnAndSkipsTheAbsent() {
        start(RoutingStrategy.ROUND_ROBIN);
        assertThat(List.of(user(toSupport("1")), user(toSupport("2")), user(toSupport("3")), user(toSupport("4"))))
                .containsExactly(LI, WANG, ZHAO, LI);
        absent.add(WANG);
        List<UserRef> next = List.of(user(toSupport("5")), user(toSupport("6")), user(toSupport("7")), user(toSupport("8")));
        assertThat(next).doesNotContain(WANG).contains(LI, ZHAO);
        ServiceCase routed = toSupport("9");
        assertThat(routed.assignee()).hasValueSatisfying(a -> assertThat(a.department()).contains(SUPPORT));
        assertThat(routed.status()).isEqualTo(ServiceCaseStatus.ASSIGNED);
    }

    @Test
    void leastBusyTakesTheMemberWithTheFewestOpenCases() {
        start(RoutingStrategy.LEAST_BUSY);
        ServiceCase first = toSupport("1");
        assertThat(user(first)).as("all idle: the first listed").isEqualTo(LI);
        assertThat(user(toSupport("2"))).isEqualTo(WANG);
        assertThat(user(toSupport("3"))).isEqualTo(ZHAO);
        crm().cases().resolve(first.id(), "已修好"); // li has no open case again
        assertThat(user(toSupport("4"))).isEqualTo(LI);
        absent.add(LI);
        assertThat(user(toSupport("5"))).as("li absent; wang and zhao have one each").isEqualTo(WANG);
    }

    @Test
    void nobodyAtWorkLeavesTheCaseWithTheDepartmentAndOthersAreNotRouted() {
        start(RoutingStrategy.ROUND_ROBIN);
        absent.addAll(List.of(LI, WANG, ZHAO));
        ServiceCase waiting = toSupport("无人值班");
        assertThat(waiting.assignee()).contains(Assignee.department(SUPPORT));

        absent.clear();
        ServiceCase assigned = crm().cases().assign(waiting.id(), Assignee.department(SUPPORT));
        assertThat(user(assigned)).isEqualTo(LI);
        List<AuditEntry> history = crm().audit().history(RecordKind.SERVICE_CASE, waiting.id().value(), PageRequest.first(10)).items();
        assertThat(history.get(history.size() - 1).changes().toString()).contains("li");

        ServiceCase direct = crm().cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.WEB, "repair", "指定")
                .assignTo(Assignee.userInDepartment(ZHAO, SUPPORT)));
        assertThat(user(direct)).isEqualTo(ZHAO);
        ServiceCase otherDepartment = crm().cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.WEB, "quote", "报价")
                .assignTo(Assignee.department(SALES)));
        assertThat(otherDepartment.assignee()).contains(Assignee.department(SALES));
    }

    @Test
    void routesNeedADirectory() {
        assertThatThrownBy(() -> ServiceSettings.builder().route(SUPPORT, RoutingStrategy.LEAST_BUSY).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("directory")).isTrue());
        assertThat(ServiceSettings.builder().route(SUPPORT, RoutingStrategy.LEAST_BUSY).directory(teams).build().routes())
                .isEqualTo(Map.of(SUPPORT, RoutingStrategy.LEAST_BUSY));
    }
}
