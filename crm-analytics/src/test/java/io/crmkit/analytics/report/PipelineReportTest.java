package io.crmkit.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.calendar.DateOverrides;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.calendar.WorkingInterval;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.sales.NewOpportunity;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline part of the report on a small set worked by hand, seen on Monday 2026-03-02 in Shanghai: the forecast
 * of the second quarter (a: qualification 1000 → 100 weighted, b: negotiation 500 → 300, c: proposal 2000 → 800) and
 * the stale deals on China's calendar (c idle since Monday 02-09: 11 working days, stale after 10 in proposal; b
 * since Tuesday 02-10: 10, not stale).
 */
class PipelineReportTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final WorkCalendar CHINA = WorkCalendar.builder(SHANGHAI)
            .weekdays(WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("13:00-18:00"))
            .overrides(DateOverrides.chinaMainland()).build();
    private final TestClock clock = TestClock.at(Instant.parse("2026-02-09T02:00:00Z"));
    private Crm crm;

    @BeforeEach
    void data() {
        crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).access(AccessPolicy.builder()
                .grant("rep", AccessLevel.OWN, RecordKind.OPPORTUNITY, Action.READ).build()).build();
        Customer customer = crm.customers().create(NewCustomer.organization("华南贸易 <总部>"));
        add(customer, "报价 <C>", "wang", "proposal", "2000", "2026-04-15");
        clock.set(Instant.parse("2026-02-10T02:00:00Z"));
        add(customer, "合同 B", "li", "negotiation", "500", "2026-05-20");
        clock.set(Instant.parse("2026-03-01T02:00:00Z"));
        add(customer, "线索 A", "li", "qualification", "1000", "2026-06-30");
        clock.set(Instant.parse("2026-03-02T02:00:00Z"));
    }

    private void add(Customer customer, String name, String owner, String stage, String amount, String close) {
        Opportunity o = crm.opportunities().create(NewOpportunity.of(customer.id(), name, new BigDecimal(amount), "CNY",
                LocalDate.parse(close)).owner(UserRef.of(owner)));
        if (!stage.equals("qualification")) {
            crm.opportunities().moveTo(o.id(), stage, null);
        }
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private static String value(AnalyticsReport r, String section, String item, String metric) {
        return r.value(section, item, metric).orElseThrow(() -> new AssertionError(section + "|" + item + "|" + metric));
    }

    @Test
    void theForecastByQuarterAndTheStaleDealsOnTheCalendar() throws Exception {
        AnalyticsReport r = AnalyticsReport.builder(crm).zone(SHANGHAI).calendar(CHINA).build();

        assertThat(value(r, "pipeline", "2026-04-01 PIPELINE CNY", "weighted")).isEqualTo("100.00");
        assertThat(value(r, "pipeline", "2026-04-01 BEST_CASE CNY", "weighted")).isEqualTo("800.00");
        assertThat(value(r, "pipeline", "2026-04-01 COMMIT CNY", "amount")).isEqualTo("500.00");
        assertThat(value(r, "pipeline", "2026-04-01 COMMIT CNY", "weighted")).isEqualTo("300.00");
        assertThat(value(r, "stale", "all", "count")).isEqualTo("1");
        assertThat(value(r, "stale", "1 报价 <C>", "idle_working_days")).isEqualTo("11");
        assertThat(value(r, "stale", "1 报价 <C>", "owner")).isEqualTo("wang");

        String html = r.toHtml();
        assertThat(html).contains("<h2>Sales pipeline</h2>").contains("报价 &lt;C&gt;").contains("800.00");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.toText()).contains("Stale deals").contains("Sales pipeline forecast by quarter");
        for (AnalyticsReport.Metric m : r.metrics()) {
            assertThat(r.toText()).contains(m.value());
        }
        assertThat(r.toCsv()).contains("stale,1 报价 <C>,idle_working_days,11");
    }

    @Test
    void everyDayCountsWithoutACalendarAndEachReaderSeesTheirOwn() {
        AnalyticsReport allDays = AnalyticsReport.builder(crm).zone(SHANGHAI).build();
        assertThat(value(allDays, "stale", "all", "count")).isEqualTo("2"); // b: 20 days since 02-10

        AnalyticsReport li = AnalyticsReport.builder(crm.as(new Actor(UserRef.of("li"), Set.of("rep"), Set.of())))
                .zone(SHANGHAI).calendar(CHINA).build();
        assertThat(li.metrics()).noneMatch(m -> m.item().contains("BEST_CASE"));
        assertThat(value(li, "stale", "all", "count")).isEqualTo("0");
        assertThat(value(li, "pipeline", "2026-04-01 COMMIT CNY", "weighted")).isEqualTo("300.00");
    }

    @Test
    void aPipelineWithoutOpportunitiesHasNoSectionAndBadLimitsAreRefused() {
        AnalyticsReport none = AnalyticsReport.builder(crm).pipeline("其他").build();
        assertThat(none.pipeline()).isEmpty();
        assertThat(none.toHtml()).contains("No opportunities.");
        assertThatThrownBy(() -> AnalyticsReport.builder(crm).staleDeals(101).topCustomers(-1).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasViolation("staleDeals")).isTrue();
                    assertThat(e.hasViolation("topCustomers")).isTrue();
                });
    }
}
