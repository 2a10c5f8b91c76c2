package io.crmkit.examples;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.calendar.DateOverrides;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.calendar.WorkCalendars;
import io.crmkit.core.calendar.WorkingInterval;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.sales.ForecastComparison;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.NewOpportunity;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.service.NewServiceCase;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceSettings;
import io.crmkit.core.service.SlaClock;
import io.crmkit.core.service.SlaMetric;
import io.crmkit.core.service.SlaPolicy;
import io.crmkit.core.service.SlaStatus;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A replayed fortnight at a service desk and a sales team in Shanghai, on China's 2026 calendar: a VIP's urgent case
 * opened on the Friday before the Spring Festival breaches its first-response target on Saturday 2026-02-14 (a
 * make-up working day), is escalated to second-line support; the sales forecast by quarter is snapshotted, deals are
 * won and lost, and the snapshot is set against what was won; a deal idle since before the holidays is stale. Prints
 * what happened, line by line.
 *
 * <pre>
 * mvn -B -q -Pdemo package -Ddemo.main=io.crmkit.examples.ServiceDeskExample
 * </pre>
 */
public final class ServiceDeskExample {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final WorkCalendar CHINA = WorkCalendar.builder(SHANGHAI)
            .weekdays(WorkingInterval.parse("09:00-12:00"), WorkingInterval.parse("13:00-18:00"))
            .overrides(DateOverrides.chinaMainland()).build();
    static final DepartmentRef SECOND_LINE = DepartmentRef.of("二线支持");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd EEE HH:mm", Locale.ENGLISH)
            .withZone(SHANGHAI);

    private ServiceDeskExample() {
    }

    /** A clock the example moves, as a replay of the fortnight. */
    static final class ReplayClock extends Clock {
        private volatile Instant now;

        ReplayClock(String shanghaiTime) {
            set(shanghaiTime);
        }

        void set(String shanghaiTime) {
            now = LocalDateTime.parse(shanghaiTime).atZone(SHANGHAI).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A CRM on {@code storage} with the desk's calendar and service levels, on the replay clock. */
    static Crm crm(CrmStorage storage, ReplayClock clock) {
        return Crm.builder().storage(storage).clock(clock)
                .calendars(WorkCalendars.of("cn", CHINA))
                .service(ServiceSettings.builder()
                        .policy(SlaPolicy.builder("vip").customerTags("vip").priorities(Priority.URGENT, Priority.HIGH)
                                .target(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1))
                                .target(SlaMetric.RESOLUTION, Duration.ofHours(8))
                                .calendar("cn").raisePriority().escalateTo(Assignee.department(SECOND_LINE)).build())
                        .build())
                .build();
    }

    /** Replays the fortnight on {@code crm} (made by {@link #crm}), returning the lines it prints. */
    static List<String> run(Crm crm, ReplayClock clock) {
        List<String> lines = new ArrayList<>();
        clock.set("2026-02-13T17:30");
        Customer vip = crm.customers().create(NewCustomer.organization("华东精密机械有限公司").tag("vip"));
        ServiceCase c = crm.cases().create(NewServiceCase.of(vip.id(), ServiceCaseOrigin.PHONE, "repair", "数控机床主轴异响")
                .priority(Priority.HIGH));
        SlaStatus opened = crm.cases().sla(c.id());
        lines.add("case opened " + TIME.format(clock.instant()) + ", policy " + opened.policy().orElse("-"));
        for (SlaClock k : opened.clocks()) {
            lines.add("  " + k.metric() + " due " + k.due().map(TIME::format).orElse("-"));
        }
        clock.set("2026-02-14T10:00"); // Saturday, a make-up working day before the Spring Festival
        int handled = crm.cases().checkSla();
        ServiceCase escalated = crm.cases().require(c.id());
        lines.add("SLA check " + TIME.format(clock.instant()) + ": " + handled + " case(s) handled; first response "
                + crm.cases().sla(c.id()).clock(SlaMetric.FIRST_RESPONSE).map(k -> k.state().name()).orElse("-")
                + ", now " + escalated.priority() + " with "
                + escalated.assignee().flatMap(Assignee::department).map(DepartmentRef::id).orElse("-"));

        clock.set("2026-02-09T10:00");
        Opportunity idle = crm.opportunities().create(NewOpportunity.of(vip.id(), "主轴维保年度合同", new BigDecimal("96000"),
                "CNY", LocalDate.of(2026, 4, 30)).owner(UserRef.of("wang.fang")));
        crm.opportunities().moveTo(idle.id(), "proposal", "报价已发");
        clock.set("2026-03-02T09:30");
        Opportunity big = crm.opportunities().create(NewOpportunity.of(vip.id(), "五轴加工中心", new BigDecimal("1280000"),
                "CNY", LocalDate.of(2026, 5, 15)).owner(UserRef.of("li.na")));
        crm.opportunities().moveTo(big.id(), "negotiation", null);
        crm.opportunities().snapshotForecast();
        for (ForecastRow r : crm.opportunities().forecast(ForecastQuery.byQuarter()).totals()) {
            lines.add("forecast " + r.period() + " " + r.currency() + ": " + r.count() + " deals, weighted "
                    + r.weighted().stripTrailingZeros().toPlainString());
        }
        lines.add("stale deals: " + crm.opportunities().stale("default", CHINA, PageRequest.first(10)).items().stream()
                .map(Opportunity::name).toList());
        clock.set("2026-03-06T15:00");
        crm.opportunities().win(big.id(), "签约");
        crm.opportunities().lose(idle.id(), "客户预算推迟");
        for (ForecastComparison f : crm.opportunities().forecastVsActual(LocalDate.of(2026, 3, 2), ForecastQuery.byQuarter())) {
            lines.add("quarter " + f.period() + ": forecast " + f.weighted().stripTrailingZeros().toPlainString()
                    + ", committed " + f.committed().stripTrailingZeros().toPlainString() + ", won "
                    + f.won().stripTrailingZeros().toPlainString());
        }
        return lines;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ReplayClock clock = new ReplayClock("2026-02-13T17:30");
        try (Crm crm = crm(InMemoryStorage.create(), clock)) {
            run(crm, clock).forEach(out::println);
        }
    }
}
