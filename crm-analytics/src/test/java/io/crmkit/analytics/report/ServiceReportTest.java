package io.crmkit.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.service.NewServiceCase;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceSettings;
import io.crmkit.core.service.SlaMetric;
import io.crmkit.core.service.SlaPolicy;
import io.crmkit.core.task.Assignee;
import io.crmkit.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service part of the report on two cases worked by hand, on the default calendar (every moment, UTC), with a
 * one-hour first response and a four-hour resolution: 售后部's case is answered after 30 minutes and resolved after
 * 120 (both met); 二线支持's is not answered, and by the report, five hours on, both its targets are breached.
 */
class ServiceReportTest {
    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    private final TestClock clock = TestClock.at(T0);
    private Crm crm;

    @BeforeEach
    void data() {
        crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).service(ServiceSettings.builder()
                .policy(SlaPolicy.builder("标准").target(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1))
                        .target(SlaMetric.RESOLUTION, Duration.ofHours(4)).build()).build()).build();
        Customer customer = crm.customers().create(NewCustomer.person("刘洋 <VIP>"));
        ServiceCase answered = crm.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "空调不制冷")
                .assignTo(Assignee.department(DepartmentRef.of("售后部"))));
        crm.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.EMAIL, "billing", "发票抬头错误")
                .assignTo(Assignee.department(DepartmentRef.of("二线支持"))));
        Interaction reply = crm.interactions().log(customer.id(), Interaction.call(Direction.OUTBOUND).subject("回电")
                .occurredAt(T0.plus(Duration.ofMinutes(30))));
        clock.set(T0.plus(Duration.ofMinutes(30)));
        crm.cases().linkInteraction(answered.id(), reply.id());
        clock.set(T0.plus(Duration.ofHours(2)));
        crm.cases().resolve(answered.id(), "已更换压缩机");
        clock.set(T0.plus(Duration.ofHours(5)));
        crm.cases().checkSla();
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private static String value(AnalyticsReport r, String section, String item, String metric) {
        return r.value(section, item, metric).orElseThrow(() -> new AssertionError(section + "|" + item + "|" + metric));
    }

    @Test
    void backlogTimesAndAttainmentOverallAndPerDepartment() throws Exception {
        AnalyticsReport r = AnalyticsReport.builder(crm).build();

        assertThat(value(r, "backlog", "open", "cases")).isEqualTo("1");
        assertThat(value(r, "backlog", "breached in the period", "cases")).isEqualTo("1");
        assertThat(value(r, "service", "all", "cases")).isEqualTo("2");
        assertThat(value(r, "service", "all", "first_response_median_minutes")).isEqualTo("30.0");
        assertThat(value(r, "service", "all", "resolution_median_minutes")).isEqualTo("120.0");
        assertThat(value(r, "service", "all", "sla_attainment_percent")).isEqualTo("50.0");
        assertThat(value(r, "service", "售后部", "sla_attainment_percent")).isEqualTo("100.0");
        assertThat(value(r, "service", "二线支持", "sla_attainment_percent")).isEqualTo("0.0");
        assertThat(value(r, "service", "二线支持", "cases")).isEqualTo("1");

        String html = r.toHtml();
        assertThat(html).contains("<h2>Service</h2>").contains("售后部").contains("50.0%");
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.toText()).contains("Service backlog").contains("Service times");
        assertThat(r.toCsv()).contains("service,二线支持,sla_attainment_percent,0.0");
    }

    @Test
    void thePeriodChoosesTheCasesMeasuredAndAnEmptyOneIsRefused() {
        AnalyticsReport later = AnalyticsReport.builder(crm).period(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)))
                .build();
        assertThat(value(later, "service", "all", "cases")).isEqualTo("0");
        assertThat(value(later, "service", "all", "sla_attainment_percent")).isEqualTo("-");
        assertThat(value(later, "backlog", "open", "cases")).as("the backlog is now's").isEqualTo("1");
        assertThatThrownBy(() -> AnalyticsReport.builder(crm).period(T0, T0).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("period")).isTrue());
        try (Crm empty = Crm.builder().storage(InMemoryStorage.create()).build()) {
            AnalyticsReport none = AnalyticsReport.builder(empty).build();
            assertThat(none.service()).isEmpty();
            assertThat(none.toHtml()).contains("No service cases.");
        }
    }
}
