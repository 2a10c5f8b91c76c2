package io.crmkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceStats.DurationStats;
import io.crmkit.core.service.ServiceStats.Figures;
import io.crmkit.core.task.Assignee;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Service figures checked by hand on a few cases, and what an actor may see of them and of the SLA lists. */
class ServiceStatsTest {
    static final DepartmentRef SERVICE = DepartmentRef.of("客服部");
    static final DepartmentRef FIELD = DepartmentRef.of("外勤");
    static final DepartmentRef EAST = DepartmentRef.of("华东");
    static final DepartmentRef WEST = DepartmentRef.of("华西");
    static final ServiceSettings SETTINGS = ServiceSettings.builder().policy(SlaPolicy.builder("standard")
            .target(SlaMetric.FIRST_RESPONSE, Duration.ofHours(2)).target(SlaMetric.RESOLUTION, Duration.ofHours(4)).build())
            .build();

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Instant t0 = clock.instant();
    private Crm crm;

    @AfterEach
    void close() {
        crm.close();
    }

    private ServiceCase open(CrmServices as, Customer customer, Assignee assignee) {
        return as.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "s").assignTo(assignee));
    }

    private void respond(ServiceCase c, Duration after) {
        clock.set(t0.plus(after));
        Interaction call = crm.interactions().log(c.customerId(), Interaction.call(Direction.OUTBOUND).occurredAt(clock.instant()));
        crm.cases().linkInteraction(c.id(), call.id());
    }

    private void resolve(ServiceCase c, Duration after) {
        clock.set(t0.plus(after));
        crm.cases().resolve(c.id(), null);
    }

    private static DurationStats hours(long count, double mean, double median, double p90) {
        return new DurationStats(count, Duration.ofMinutes(Math.round(mean * 60)), Duration.ofMinutes(Math.round(median * 60)),
                Duration.ofMinutes(Math.round(p90 * 60)));
    }

    @Test
    void responseAndResolutionTimesAndAttainmentPerPeriodAndDepartment() {
        crm = TestCrm.builder(clock).service(SETTINGS).build();
        Customer customer = crm.customers().create(NewCustomer.person("张三"));
        clock.set(t0.minus(Duration.ofHours(1)));
        ServiceCase before = open(crm, customer, Assignee.department(SERVICE)); // outside the period
        clock.set(t0);
        ServiceCase a = open(crm, customer, Assignee.userInDepartment(UserRef.of("li"), SERVICE));
        ServiceCase b = open(crm, customer, Assignee.department(SERVICE));
        ServiceCase c = open(crm, customer, Assignee.department(FIELD));
        ServiceCase d = open(crm, customer, Assignee.user(UserRef.of("wang")));
        respond(a, Duration.ofHours(1));
        respond(c, Duration.ofHours(2));
        respond(b, Duration.ofHours(3));
        resolve(a, Duration.ofHours(3));
        resolve(b, Duration.ofHours(5));
        resolve(d, Duration.ofHours(6)); // without a response: its first-response clock stopped, breached, at 6 h
        resolve(before, Duration.ofHours(7));
        clock.set(t0.plus(Duration.ofHours(10)));

        ServiceStats stats = crm.cases().stats(t0, t0.plus(Duration.ofDays(1)));

        // first responses 1, 3, 2 h; resolutions 3, 5, 6 h; met: a twice, c's response (2 h of 2); breached: b twice,
        // c's resolution (still open at 10 h), d twice
        assertThat(stats.all()).isEqualTo(new Figures(4, hours(3, 2, 2, 3), hours(3, 14.0 / 3, 5, 6), 3, 5));
        assertThat(stats.all().attainment()).hasValue(0.375);
        assertThat(stats.byDepartment()).containsOnlyKeys(SERVICE, FIELD);
        assertThat(stats.byDepartment().get(SERVICE)).isEqualTo(new Figures(2, hours(2, 2, 2, 3), hours(2, 4, 4, 5), 2, 2));
        assertThat(stats.byDepartment().get(FIELD)).isEqualTo(new Figures(1, hours(1, 2, 2, 2), DurationStats.NONE, 1, 1));
        assertThat(stats.from()).isEqualTo(t0);

        ServiceStats earlier = crm.cases().stats(t0.minus(Duration.ofHours(1)), t0);
        assertThat(earlier.all().cases()).isEqualTo(1);
        assertThat(earlier.all().firstResponse()).isEqualTo(DurationStats.NONE);
        assertThat(earlier.all().resolution()).isEqualTo(hours(1, 8, 8, 8)); // opened an hour before t0
        assertThat(crm.cases().stats(t0.plus(Duration.ofDays(1)), t0.plus(Duration.ofDays(2))).all().attainment()).isEmpty();
        assertThatThrownBy(() -> crm.cases().stats(t0, t0)).isInstanceOf(ValidationException.class);
    }

    @Test
    void anActorSeesFiguresAndListsOfTheCasesTheyMayReadOnly() {
        AccessPolicy policy = AccessPolicy.builder()
                .grantAll("agent", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, RecordKind.SERVICE_CASE, RecordKind.INTERACTION)
                .build();
        crm = TestCrm.builder(clock).service(SETTINGS).access(policy).build();
        CrmServices east = crm.as(new Actor(UserRef.of("zhao"), Set.of("agent"), Set.of(EAST)));
        CrmServices west = crm.as(new Actor(UserRef.of("qian"), Set.of("agent"), Set.of(WEST)));
        CrmServices nobody = crm.as(Actor.user("zhou"));
        Customer ofEast = crm.customers().create(NewCustomer.person("东").department(EAST));
        Customer ofWest = crm.customers().create(NewCustomer.person("西").department(WEST));
        ServiceCase e1 = open(east, ofEast, Assignee.department(EAST));
        ServiceCase e2 = open(east, ofEast, Assignee.department(EAST));
        ServiceCase w1 = open(west, ofWest, Assignee.department(WEST));
        clock.set(t0.plus(Duration.ofHours(5)));
        assertThat(crm.cases().checkSla()).isEqualTo(3);
        Instant later = t0.plus(Duration.ofDays(1));

        assertThat(east.cases().stats(t0, later).all().cases()).isEqualTo(2);
        assertThat(east.cases().stats(t0, later).byDepartment()).containsOnlyKeys(EAST);
        assertThat(west.cases().stats(t0, later).all().cases()).isEqualTo(1);
        assertThat(nobody.cases().stats(t0, later).all().cases()).isZero();
        assertThat(crm.cases().stats(t0, later).all().cases()).isEqualTo(3);

        assertThat(east.cases().breachedBetween(t0, later, PageRequest.first(10)).items()).extracting(ServiceCase::id)
                .containsExactly(e1.id(), e2.id());
        assertThat(west.cases().breachedBetween(t0, later, PageRequest.first(10)).items()).extracting(ServiceCase::id)
                .containsExactly(w1.id());
        assertThat(nobody.cases().breachedBetween(t0, later, PageRequest.first(10)).items()).isEmpty();
        // the resolution clocks still run, due at 4 h: past due, and already marked, so no longer due
        assertThat(east.cases().dueBefore(later, PageRequest.first(10)).items()).isEmpty();

        ServiceCase e3 = open(east, ofEast, Assignee.department(EAST));
        open(west, ofWest, Assignee.department(WEST));
        assertThat(east.cases().dueBefore(later, PageRequest.first(10)).items()).extracting(ServiceCase::id)
                .containsExactly(e3.id());
        assertThat(east.cases().sla(e1.id()).isBreached()).isTrue();
        assertThatThrownBy(() -> west.cases().sla(e1.id())).isInstanceOf(NotFoundException.class);
        assertThat(east.access().can(Action.READ, RecordKind.SERVICE_CASE, w1.id().value())).isFalse();
    }
}
