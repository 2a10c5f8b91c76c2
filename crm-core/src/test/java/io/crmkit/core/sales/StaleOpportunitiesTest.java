package io.crmkit.core.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.calendar.DateOverrides;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.calendar.WorkingInterval;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staleness in working days of China's calendar around the 2026 Spring Festival (holidays 02-15 to 02-23, Saturdays
 * 02-14 and 02-28 worked), seen on Monday 2026-03-02. The default pipeline's proposal stage is stale after 10 working
 * days, qualification after 15. The working days after Tuesday 02-10 up to 03-02 are 02-11, 12, 13, 14, 24, 25, 26,
 * 27, 28 and 03-02: ten, so an activity on 02-10 is not stale yet and one on Monday 02-09 is (eleven). On a plain
 * Monday-to-Friday calendar the same days hold 14 working days, and 02-10 is stale too.
 */
class StaleOpportunitiesTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkingInterval MORNING = WorkingInterval.parse("09:00-12:00");
    private static final WorkingInterval AFTERNOON = WorkingInterval.parse("13:00-18:00");
    private static final WorkCalendar CHINA = WorkCalendar.builder(SHANGHAI).weekdays(MORNING, AFTERNOON)
            .overrides(DateOverrides.chinaMainland()).build();
    private static final WorkCalendar WEEKDAYS = WorkCalendar.builder(SHANGHAI).weekdays(MORNING, AFTERNOON).build();
    private static final Actor WANG = new Actor(UserRef.of("wang"), Set.of("rep"), Set.of());

    private final MutableClock clock = MutableClock.at("2026-02-09T02:00:00Z");
    private final Crm crm = TestCrm.builder(clock).access(AccessPolicy.builder()
            .grant("rep", AccessLevel.OWN, RecordKind.OPPORTUNITY, Action.READ).build()).build();
    private final OpportunityService sales = crm.opportunities();
    private Customer customer;
    private Opportunity monday;
    private Opportunity tuesday;

    @AfterEach
    void close() {
        crm.close();
    }

    private Opportunity at(String shanghaiTime, String name, String owner, String stage, String close) {
        clock.set(LocalDate.parse(shanghaiTime.substring(0, 10)).atTime(java.time.LocalTime.parse(shanghaiTime.substring(11)))
                .atZone(SHANGHAI).toInstant());
        Opportunity o = sales.create(NewOpportunity.of(customer.id(), name, new BigDecimal("1000"), "CNY",
                LocalDate.parse(close)).owner(UserRef.of(owner)));
        return stage.equals("qualification") ? o : sales.moveTo(o.id(), stage, null);
    }

    @BeforeEach
    void seed() {
        customer = crm.customers().create(NewCustomer.organization("深圳某科技"));
        monday = at("2026-02-09T10:00", "周一报价", "li", "proposal", "2026-03-31");
        tuesday = at("2026-02-10T17:59", "周二报价", "wang", "proposal", "2026-03-15");
        at("2026-02-10T09:00", "周二线索", "li", "qualification", "2026-03-01");
        Opportunity lost = at("2026-02-09T11:00", "已丢单", "li", "proposal", "2026-03-02");
        sales.lose(lost.id(), "价格");
        Opportunity touched = at("2026-02-09T11:30", "有跟进", "li", "proposal", "2026-03-03");
        clock.set(Instant.parse("2026-02-27T03:00:00Z"));
        sales.recordActivity(touched.id());
        clock.set(Instant.parse("2026-03-02T02:00:00Z")); // 10:00 in Shanghai
    }

    @Test
    void holidaysAndMakeUpDaysCountAsTheCalendarSays() {
        assertThat(sales.stale("default", CHINA, PageRequest.first(10)).items()).containsExactly(
                sales.require(monday.id()));
        assertThat(sales.stale("default", WEEKDAYS, PageRequest.first(10)).items()).extracting(Opportunity::name)
                .containsExactly("周二报价", "周一报价"); // in search order: by expected close
    }

    @Test
    void theReaderSeesOnlyTheStaleOpportunitiesTheyMayRead() {
        assertThat(crm.as(WANG).opportunities().stale("default", CHINA, PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.as(WANG).opportunities().stale("default", WEEKDAYS, PageRequest.first(10)).items())
                .containsExactly(sales.require(tuesday.id()));
    }

    @Test
    void pagesAndUnknownPipelines() {
        var first = sales.stale("default", WEEKDAYS, PageRequest.first(1));
        assertThat(first.items()).extracting(Opportunity::name).containsExactly("周二报价");
        assertThat(sales.stale("default", WEEKDAYS, PageRequest.after(first.nextCursor().orElseThrow(), 1)).items())
                .extracting(Opportunity::name).containsExactly("周一报价");
        assertThatThrownBy(() -> sales.stale("无此管道", CHINA, PageRequest.first(10)))
                .isInstanceOf(ValidationException.class);
    }
}
