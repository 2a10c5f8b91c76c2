package io.crmkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.calendar.DateOverrides;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.calendar.WorkCalendars;
import io.crmkit.core.calendar.WorkingInterval;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Service-level clocks through {@code crm.cases()}: on a China calendar across a lunch break, a make-up Saturday and
 * the Spring Festival, paused while waiting for the customer, after a customer's reply, after a reopen, and the
 * choice of the policy. Time moves only by the test's clock.
 */
class ServiceSlaTest {
    static final UserRef AGENT = UserRef.of("li.si");
    static final WorkCalendar CHINA = WorkCalendar.builder(ZoneId.of("Asia/Shanghai"))
            .weekdays(WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("13:00-18:00"))
            .makeUpDayHours(WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("13:00-18:00"))
            .overrides(DateOverrides.chinaMainland())
            .build();

    private final MutableClock clock = MutableClock.at("2026-02-13T09:00:00Z"); // Friday 17:00 in Shanghai
    private final List<DomainEvent> events = new ArrayList<>();
    private Crm crm;
    private Customer customer;

    @AfterEach
    void close() {
        if (crm != null) {
            crm.close();
        }
    }

    private Crm start(ServiceSettings settings) {
        WorkCalendars calendars = WorkCalendars.of("24x7", WorkCalendar.allDay(java.time.ZoneOffset.UTC));
        calendars.replace("cn", CHINA);
        crm = TestCrm.builder(clock).calendars(calendars).service(settings).listener(events::add).build();
        customer = crm.customers().create(NewCustomer.person("张三"));
        return crm;
    }

    private ServiceCase open() {
        return crm.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "空调不制冷")
                .assignTo(Assignee.user(AGENT)));
    }

    private SlaClock clock(ServiceCase c, SlaMetric metric) {
        return crm.cases().sla(c.id()).clock(metric).orElseThrow();
    }

    private <E extends ServiceCaseEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void at(String instant) {
        clock.set(Instant.parse(instant));
    }

    private Interaction log(Direction direction, String at) {
        return crm.interactions().log(customer.id(), Interaction.call(direction).occurredAt(Instant.parse(at)));
    }

    @Test
    void firstResponseBreachesAfterTheLunchBreakTheMakeUpSaturdayAndTheSpringFestival() {
        start(ServiceSettings.builder().policy(SlaPolicy.builder("cn").calendar("cn")
                .target(SlaMetric.FIRST_RESPONSE, Duration.ofHours(10)).build()).build());
        ServiceCase c = open();
        // Friday 17:00-18:00 is 1 h; Saturday 2026-02-14 is a working day: 09-12 and 13-18 are 8 h; 2-15..2-23 are the
        // holidays; Tuesday 2-24 09:00-10:00 is the last hour: due 10:00 in Shanghai
        SlaClock fresh = clock(c, SlaMetric.FIRST_RESPONSE);
        assertThat(fresh.due()).contains(Instant.parse("2026-02-24T02:00:00Z"));
        assertThat(fresh.state()).isEqualTo(SlaState.RUNNING);
        assertThat(fresh.policy()).isEqualTo("cn");
        assertThat(fresh.started()).isEqualTo(c.createdAt());
        assertThat(crm.cases().require(c.id()).sla().dueAt()).contains(Instant.parse("2026-02-24T02:00:00Z"));
        // the warning at 80 %: 8 h, Saturday 17:00 in Shanghai, after the lunch break
        assertThat(crm.cases().require(c.id()).sla().warningAt()).contains(Instant.parse("2026-02-14T09:00:00Z"));

        at("2026-02-14T04:30:00Z"); // Saturday 12:30, lunch: 1 h + 3 h
        assertThat(clock(c, SlaMetric.FIRST_RESPONSE).elapsed()).isEqualTo(Duration.ofHours(4));
        at("2026-02-14T08:59:59Z");
        assertThat(crm.cases().checkSla()).isZero();
        at("2026-02-14T09:00:00Z");
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        assertThat(events(ServiceCaseEvent.SlaWarning.class)).singleElement().satisfies(w -> {
            assertThat(w.metric()).isEqualTo(SlaMetric.FIRST_RESPONSE);
            assertThat(w.due()).isEqualTo(Instant.parse("2026-02-24T02:00:00Z"));
            assertThat(w.actor()).isEqualTo(UserRef.of("system"));
        });

        at("2026-02-20T00:00:00Z"); // the festival: nothing counts
        SlaClock holiday = clock(c, SlaMetric.FIRST_RESPONSE);
        assertThat(holiday.elapsed()).isEqualTo(Duration.ofHours(9));
        assertThat(holiday.remaining()).isEqualTo(Duration.ofHours(1));
        assertThat(crm.cases().checkSla()).isZero();

        at("2026-02-24T01:59:59Z");
        assertThat(crm.cases().checkSla()).isZero();
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).isEmpty();
        at("2026-02-24T02:00:00Z");
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        assertThat(crm.cases().checkSla()).isZero();
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).singleElement().satisfies(b -> {
            assertThat(b.metric()).isEqualTo(SlaMetric.FIRST_RESPONSE);
            assertThat(b.due()).isEqualTo(Instant.parse("2026-02-24T02:00:00Z"));
            assertThat(b.policy()).isEqualTo("cn");
        });
        ServiceCase breached = crm.cases().require(c.id());
        assertThat(breached.sla().breached()).containsExactly(SlaMetric.FIRST_RESPONSE);
        assertThat(breached.sla().breachedAt()).contains(Instant.parse("2026-02-24T02:00:00Z"));
        assertThat(breached.sla().dueAt()).isEmpty();
        assertThat(clock(c, SlaMetric.FIRST_RESPONSE).state()).isEqualTo(SlaState.BREACHED);
        assertThat(crm.cases().breachedBetween(Instant.parse("2026-02-24T00:00:00Z"), Instant.parse("2026-02-25T00:00:00Z"),
                PageRequest.first(10)).items()).extracting(ServiceCase::id).containsExactly(c.id());
    }

    @Test
    void aResponseInTimeMeetsTheTarget() {
        start(ServiceSettings.builder().policy(SlaPolicy.builder("cn").calendar("cn")
                .target(SlaMetric.FIRST_RESPONSE, Duration.ofHours(10)).build()).build());
        ServiceCase c = open();
        at("2026-02-14T02:00:00Z");
        crm.cases().linkInteraction(c.id(), log(Direction.OUTBOUND, "2026-02-14T01:30:00Z").id()); // Saturday 09:30

        SlaClock met = clock(c, SlaMetric.FIRST_RESPONSE);
        assertThat(met.state()).isEqualTo(SlaState.MET);
        assertThat(met.stoppedAt()).contains(Instant.parse("2026-02-14T01:30:00Z"));
        assertThat(met.elapsed()).isEqualTo(Duration.ofMinutes(90));
        assertThat(crm.cases().require(c.id()).sla().dueAt()).isEmpty();
        at("2026-03-01T00:00:00Z");
        assertThat(crm.cases().checkSla()).isZero();
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).isEmpty();
    }

    @Test
    void waitingForTheCustomerPausesTheClockAndAssignedResumesIt() {
        start(ServiceSettings.builder().policy(SlaPolicy.builder("24x7")
                .target(SlaMetric.RESOLUTION, Duration.ofHours(8)).build()).build());
        Instant t0 = clock.instant();
        ServiceCase c = open();
        clock.advance(Duration.ofHours(2));
        crm.cases().transition(c.id(), ServiceCaseStatus.PENDING_CUSTOMER, "请提供发票");
        clock.advance(Duration.ofHours(3));

        SlaClock paused = clock(c, SlaMetric.RESOLUTION);
        assertThat(paused.state()).isEqualTo(SlaState.PAUSED);
        assertThat(paused.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(paused.paused()).isEqualTo(Duration.ofHours(3));
        assertThat(paused.due()).isEmpty();
        assertThat(crm.cases().require(c.id()).sla().dueAt()).isEmpty();
        assertThat(crm.cases().dueBefore(t0.plus(Duration.ofDays(365)), PageRequest.first(10)).items()).isEmpty();

        clock.advance(Duration.ofHours(1));
        crm.cases().transition(c.id(), ServiceCaseStatus.ASSIGNED, "收到发票");
        SlaClock resumed = clock(c, SlaMetric.RESOLUTION);
        assertThat(resumed.state()).isEqualTo(SlaState.RUNNING);
        assertThat(resumed.paused()).isEqualTo(Duration.ofHours(4));
        assertThat(resumed.due()).contains(t0.plus(Duration.ofHours(12)));
        assertThat(crm.cases().require(c.id()).sla().dueAt()).contains(t0.plus(Duration.ofHours(12)));
        assertThat(crm.cases().dueBefore(t0.plus(Duration.ofHours(12)), PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.cases().dueBefore(t0.plus(Duration.ofHours(12)).plusNanos(1), PageRequest.first(10)).items())
                .extracting(ServiceCase::id).containsExactly(c.id());

        clock.set(t0.plus(Duration.ofHours(12)));
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        assertThat(clock(c, SlaMetric.RESOLUTION).state()).isEqualTo(SlaState.BREACHED);
    }

    @Test
    void theNextResponseRunsFromTheCustomersReplyUntilTheAnswer() {
        start(ServiceSettings.builder().policy(SlaPolicy.builder("chat")
                .target(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1))
                .target(SlaMetric.NEXT_RESPONSE, Duration.ofHours(2)).build()).build());
        Instant t0 = clock.instant();
        ServiceCase c = open();
        assertThat(crm.cases().sla(c.id()).clock(SlaMetric.NEXT_RESPONSE)).isEmpty();
        clock.advance(Duration.ofMinutes(30));
        crm.cases().linkInteraction(c.id(), log(Direction.OUTBOUND, t0.plus(Duration.ofMinutes(30)).toString()).id());
        clock.advance(Duration.ofMinutes(30));
        crm.cases().linkInteraction(c.id(), log(Direction.INBOUND, t0.plus(Duration.ofHours(1)).toString()).id());

        SlaClock waiting = clock(c, SlaMetric.NEXT_RESPONSE);
        assertThat(waiting.started()).isEqualTo(t0.plus(Duration.ofHours(1)));
        assertThat(waiting.due()).contains(t0.plus(Duration.ofHours(3)));
        assertThat(clock(c, SlaMetric.FIRST_RESPONSE).state()).isEqualTo(SlaState.MET);
        assertThat(crm.cases().require(c.id()).sla().dueAt()).contains(t0.plus(Duration.ofHours(3)));

        clock.advance(Duration.ofHours(1));
        crm.cases().linkInteraction(c.id(), log(Direction.OUTBOUND, t0.plus(Duration.ofHours(2)).toString()).id());
        assertThat(clock(c, SlaMetric.NEXT_RESPONSE).state()).isEqualTo(SlaState.MET);
        assertThat(crm.cases().require(c.id()).sla().dueAt()).isEmpty();

        clock.advance(Duration.ofHours(2)); // t0 + 4 h: the customer writes again
        crm.cases().linkInteraction(c.id(), log(Direction.INBOUND, t0.plus(Duration.ofHours(4)).toString()).id());
        assertThat(clock(c, SlaMetric.NEXT_RESPONSE).due()).contains(t0.plus(Duration.ofHours(6)));
        clock.set(t0.plus(Duration.ofHours(7)));
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).extracting(ServiceCaseEvent.SlaBreached::metric)
                .containsExactly(SlaMetric.NEXT_RESPONSE);
        assertThat(events(ServiceCaseEvent.SlaWarning.class)).isEmpty(); // a breach found late is no warning

        // the next cycle may breach again
        crm.cases().linkInteraction(c.id(), log(Direction.OUTBOUND, t0.plus(Duration.ofHours(7)).toString()).id());
        crm.cases().linkInteraction(c.id(), log(Direction.INBOUND, t0.plus(Duration.ofHours(7)).plusSeconds(60).toString()).id());
        assertThat(crm.cases().require(c.id()).sla().breached()).doesNotContain(SlaMetric.NEXT_RESPONSE);
        clock.set(t0.plus(Duration.ofHours(10)));
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).hasSize(2);
    }

    @Test
    void reopeningResumesTheResolutionClockWithTheTimeItHadUsed() {
        start(ServiceSettings.builder().policy(SlaPolicy.builder("24x7")
                .target(SlaMetric.RESOLUTION, Duration.ofHours(4)).build()).build());
        Instant t0 = clock.instant();
        ServiceCase c = open();
        clock.advance(Duration.ofHours(1));
        crm.cases().resolve(c.id(), "换了滤网");
        clock.advance(Duration.ofHours(9));
        SlaClock resolved = clock(c, SlaMetric.RESOLUTION);
        assertThat(resolved.state()).isEqualTo(SlaState.MET);
        assertThat(resolved.elapsed()).isEqualTo(Duration.ofHours(1));
        assertThat(resolved.stoppedAt()).contains(t0.plus(Duration.ofHours(1)));
        assertThat(crm.cases().require(c.id()).sla().dueAt()).isEmpty();

        crm.cases().reopen(c.id(), "还是不制冷");
        SlaClock reopened = clock(c, SlaMetric.RESOLUTION);
        assertThat(reopened.state()).isEqualTo(SlaState.RUNNING);
        assertThat(reopened.elapsed()).isEqualTo(Duration.ofHours(1));
        assertThat(reopened.stoppedAt()).isEmpty();
        assertThat(reopened.due()).contains(t0.plus(Duration.ofHours(13)));
        assertThat(crm.cases().require(c.id()).sla().dueAt()).contains(t0.plus(Duration.ofHours(13)));
    }

    @Test
    void theFirstMatchingPolicyAppliesByTagPriorityAndTypeAndFollowsAnEdit() {
        start(ServiceSettings.builder()
                .policy(SlaPolicy.builder("vip").customerTags("VIP").target(SlaMetric.RESOLUTION, Duration.ofHours(2)).build())
                .policy(SlaPolicy.builder("urgent").priorities(Priority.URGENT).target(SlaMetric.RESOLUTION, Duration.ofHours(4)).build())
                .policy(SlaPolicy.builder("repair").caseTypes("repair").target(SlaMetric.RESOLUTION, Duration.ofHours(24)).build())
                .policy(SlaPolicy.builder("standard").target(SlaMetric.RESOLUTION, Duration.ofHours(48)).build())
                .build());
        Customer vip = crm.customers().create(NewCustomer.person("王总").tag("vip"));
        ServiceCase ofVip = crm.cases().create(NewServiceCase.of(vip.id(), ServiceCaseOrigin.PHONE, "repair", "s")
                .priority(Priority.URGENT));
        ServiceCase urgent = crm.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "s")
                .priority(Priority.URGENT));
        ServiceCase repair = crm.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "s"));
        ServiceCase other = crm.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "咨询", "s"));

        assertThat(crm.cases().sla(ofVip.id()).policy()).contains("vip");
        assertThat(crm.cases().sla(urgent.id()).policy()).contains("urgent");
        assertThat(crm.cases().sla(repair.id()).policy()).contains("repair");
        assertThat(crm.cases().sla(other.id()).policy()).contains("standard");
        assertThat(other.sla().policy()).contains("standard");
        assertThat(other.sla().dueAt()).contains(other.createdAt().plus(Duration.ofHours(48)));

        ServiceCase edited = crm.cases().update(other.edit().priority(Priority.URGENT));
        assertThat(edited.sla().policy()).contains("urgent");
        assertThat(edited.sla().dueAt()).contains(other.createdAt().plus(Duration.ofHours(4)));
        assertThat(crm.cases().sla(other.id()).clock(SlaMetric.RESOLUTION).orElseThrow().target()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void withoutPoliciesACaseHasNoClocks() {
        start(ServiceSettings.DEFAULT);
        ServiceCase c = open();
        SlaStatus status = crm.cases().sla(c.id());
        assertThat(status.policy()).isEmpty();
        assertThat(status.clocks()).isEmpty();
        assertThat(c.sla()).isEqualTo(SlaMarks.NONE);
        assertThatThrownBy(() -> crm.cases().sla(new ServiceCaseId(java.util.UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theDefaultCalendarCountsEveryMomentInUtc() {
        crm = TestCrm.builder(clock).service(ServiceSettings.builder().policy(SlaPolicy.builder("p")
                .target(SlaMetric.RESOLUTION, Duration.ofHours(30)).build()).build()).build();
        customer = crm.customers().create(NewCustomer.person("张三"));
        ServiceCase c = open();
        assertThat(crm.calendars().defaultName()).isEqualTo("default");
        assertThat(crm.calendars().defaultCalendar().zone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(c.sla().dueAt()).contains(c.createdAt().plus(Duration.ofHours(30)));
    }

    @Test
    void aReplacedCalendarCountsForTheNextChange() {
        start(ServiceSettings.builder().policy(SlaPolicy.builder("cn").calendar("cn")
                .target(SlaMetric.RESOLUTION, Duration.ofHours(10)).build()).build());
        ServiceCase c = open();
        crm.calendars().replace("cn", WorkCalendar.allDay(ZoneId.of("Asia/Shanghai")));
        assertThat(clock(c, SlaMetric.RESOLUTION).due()).contains(c.createdAt().plus(Duration.ofHours(10)));
        ServiceCase changed = crm.cases().update(crm.cases().require(c.id()).edit().subject("新主题"));
        assertThat(changed.sla().dueAt()).contains(c.createdAt().plus(Duration.ofHours(10)));
    }

    @Test
    void settingsAreValidatedInOneException() {
        assertThatThrownBy(() -> SlaPolicy.builder(" ").target(SlaMetric.RESOLUTION, Duration.ZERO).warningPercent(100).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactlyInAnyOrder("name", "target.RESOLUTION", "warningPercent"));
        assertThatThrownBy(() -> SlaPolicy.builder("x").build()).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> SlaPolicy.builder("x").target(null, Duration.ofHours(1))).isInstanceOf(NullPointerException.class);
        SlaPolicy p = SlaPolicy.builder("p").target(SlaMetric.RESOLUTION, Duration.ofHours(1)).calendar("missing").build();
        assertThatThrownBy(() -> ServiceSettings.builder().policy(p).policy(p).pauseStatuses(Set.of(ServiceCaseStatus.RESOLVED))
                .batchSize(0).backgroundMonitor(Duration.ZERO).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(v -> v.field())
                        .containsExactlyInAnyOrder("policies[1]", "pauseStatuses", "batchSize", "backgroundMonitor"));
        assertThatThrownBy(() -> TestCrm.builder(clock).service(ServiceSettings.builder().policy(p).build()).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(v -> v.code())
                        .containsExactly("unknown_calendar"));
    }
}
