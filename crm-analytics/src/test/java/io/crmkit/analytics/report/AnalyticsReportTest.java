package io.crmkit.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.analytics.satisfaction.Granularity;
import io.crmkit.core.Crm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyticsReportTest {
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");
    private Crm crm;
    private final List<Integer> nps = new ArrayList<>();
    private final List<Integer> csat = new ArrayList<>();
    private final List<BigDecimal> totals = new ArrayList<>();

    @BeforeEach
    void data() {
        crm = Crm.builder().storage(InMemoryStorage.create()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        Random random = new Random(17);
        List<CustomerId> customers = new ArrayList<>();
        String[] names = {"张三", "李四", "王五", "Acme, Ltd", "赵六 & Co <VIP>", "Lee", "Wang", "Chen", "Liu", "Zhou"};
        for (String name : names) {
            customers.add(crm.customers().create(NewCustomer.person(name)).id());
        }
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 300; i++) {
            CustomerId c = customers.get(random.nextInt(customers.size()));
            Instant at = start.plus(random.nextInt(180), ChronoUnit.DAYS);
            int n = random.nextInt(11);
            nps.add(n);
            crm.surveys().record(NewSurveyResponse.nps(c, n).respondedAt(at));
            if (i % 2 == 0) {
                int s = 1 + random.nextInt(5);
                csat.add(s);
                crm.surveys().record(NewSurveyResponse.csat(c, s).respondedAt(at));
            }
        }
        for (int i = 0; i < customers.size(); i++) {
            BigDecimal total = BigDecimal.ZERO;
            for (int j = 0; j <= i % 4; j++) {
                BigDecimal amount = BigDecimal.valueOf(10 + random.nextInt(500) * (i + 1L));
                total = total.add(amount);
                crm.purchases().record(NewPurchase.of(customers.get(i), amount, "CNY")
                        .occurredAt(start.plus(random.nextInt(170), ChronoUnit.DAYS)));
            }
            totals.add(total);
        }
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private AnalyticsReport report() {
        return AnalyticsReport.builder(crm).title("客户满意度与价值 <2026 H1>").granularity(Granularity.MONTH).build();
    }

    private static String value(AnalyticsReport r, String section, String item, String metric) {
        return r.value(section, item, metric).orElseThrow(() -> new AssertionError(section + "|" + item + "|" + metric));
    }

    @Test
    void numbersEqualAnIndependentComputationOverTheRecordedData() {
        AnalyticsReport r = report();
        long promoters = nps.stream().filter(s -> s >= 9).count();
        long detractors = nps.stream().filter(s -> s <= 6).count();
        assertThat(value(r, "satisfaction", "NPS", "count")).isEqualTo("300");
        assertThat(value(r, "satisfaction", "NPS", "nps"))
                .isEqualTo(String.format(Locale.ROOT, "%.1f", 100.0 * (promoters - detractors) / nps.size()));
        assertThat(value(r, "satisfaction", "NPS", "mean"))
                .isEqualTo(String.format(Locale.ROOT, "%.3f", nps.stream().mapToInt(Integer::intValue).average().orElseThrow()));
        assertThat(value(r, "satisfaction", "CSAT", "csat_percent"))
                .isEqualTo(String.format(Locale.ROOT, "%.1f", 100.0 * csat.stream().filter(s -> s >= 4).count() / csat.size()));
        assertThat(value(r, "distribution", "NPS", "score_10")).isEqualTo(Long.toString(nps.stream().filter(s -> s == 10).count()));
        assertThat(r.satisfaction()).hasSize(2); // no CES responses
        assertThat(r.metrics()).filteredOn(m -> m.section().equals("trend") && m.metric().equals("count")
                && m.item().startsWith("NPS")).hasSize(6);

        BigDecimal revenue = totals.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(value(r, "value", "all", "revenue")).isEqualTo(revenue.setScale(2).toPlainString());
        assertThat(value(r, "value", "all", "customers")).isEqualTo("10");
        List<BigDecimal> sorted = new ArrayList<>(totals);
        sorted.sort(java.util.Comparator.reverseOrder());
        double top2 = sorted.get(0).add(sorted.get(1)).doubleValue() / revenue.doubleValue();
        assertThat(value(r, "value", "all", "top20_revenue_percent")).isEqualTo(String.format(Locale.ROOT, "%.1f", 100 * top2));
        assertThat(value(r, "customer", "1 " + r.value().orElseThrow().topCustomers().get(0).name(), "total"))
                .isEqualTo(sorted.get(0).setScale(2).toPlainString());
        int segmentTotal = r.value().orElseThrow().segments().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(segmentTotal).isEqualTo(10);
        assertThat(r.generatedAt()).isEqualTo(NOW);
    }

    @Test
    void textAndCsvCarryEveryNumber() {
        AnalyticsReport r = report();
        String csv = r.toCsv();
        String text = r.toText();
        assertThat(csv).startsWith("section,item,metric,value\n");
        assertThat(csv.lines().count()).isEqualTo(r.metrics().size() + 1);
        for (AnalyticsReport.Metric m : r.metrics()) {
            assertThat(text).contains(m.value());
            assertThat(text).contains(m.metric());
        }
        assertThat(csv).containsPattern("\ncustomer,\"\\d+ Acme, Ltd\",total,"); // a comma in a name is quoted
        for (String line : csv.lines().skip(1).toList()) {
            assertThat(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)).hasSize(4);
        }
    }

    @Test
    void htmlIsSelfContainedWellFormedAndShowsTheNumbers(@TempDir Path dir) throws Exception {
        AnalyticsReport r = report();
        String html = r.toHtml();
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("src=").doesNotContain("<link");
        assertThat(html).contains("<svg").contains("&lt;VIP&gt;").contains("&lt;2026 H1&gt;");
        assertThat(html).contains(value(r, "satisfaction", "NPS", "nps")).contains(value(r, "value", "all", "revenue"));
        // well-formed: parses as XML
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));

        Path written = r.writeTo(dir.resolve("out"), "report");
        assertThat(written).hasFileName("report.html");
        assertThat(Files.readString(written)).isEqualTo(html);
        assertThat(Files.readString(dir.resolve("out/report.csv"))).isEqualTo(r.toCsv());
        assertThat(Files.readString(dir.resolve("out/report.txt"))).isEqualTo(r.toText());
        assertThatThrownBy(() -> r.writeTo(dir, "../x"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("baseName")).isTrue());

        String sample = System.getProperty("crm.report.sample");
        if (sample != null) {
            r.writeTo(Path.of(sample), "sample-report");
        }
    }

    @Test
    void mixedCurrenciesNeedOneChosenAndTheOthersAreLeftOut() {
        AnalyticsReport before = report();
        CustomerId euroBuyer = crm.customers().create(NewCustomer.person("Euro Käufer")).id();
        crm.purchases().record(NewPurchase.of(euroBuyer, new java.math.BigDecimal("99999"), "EUR"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> report())
                .isInstanceOf(io.crmkit.core.ValidationException.class);
        AnalyticsReport cny = AnalyticsReport.builder(crm).title("客户满意度与价值 <2026 H1>").granularity(Granularity.MONTH)
                .currency(java.util.Currency.getInstance("CNY")).build();
        assertThat(cny.metrics()).isEqualTo(before.metrics());
        AnalyticsReport eur = AnalyticsReport.builder(crm).currency(java.util.Currency.getInstance("EUR")).build();
        assertThat(eur.toCsv()).contains("99999").contains("Euro Käufer");
    }

    @Test
    void badSettingsAreReportedByBuildAndTheActorsClockIsUsed() {
        assertThatThrownBy(() -> AnalyticsReport.builder(crm).topCustomers(101).build())
                .isInstanceOfSatisfying(io.crmkit.core.ValidationException.class,
                        e -> assertThat(e.hasViolation("topCustomers")).isTrue());
        AnalyticsReport.Builder b = AnalyticsReport.builder(crm.as(io.crmkit.core.security.Actor.user("analyst")));
        assertThat(b.topCustomers(-1)).as("the setter accepts; build() judges").isNotNull();
        assertThatThrownBy(b::build).isInstanceOf(io.crmkit.core.ValidationException.class);
        assertThat(AnalyticsReport.builder(crm.as(io.crmkit.core.security.Actor.user("analyst"))).build().generatedAt())
                .isEqualTo(AnalyticsReport.builder(crm).build().generatedAt()).isEqualTo(crm.clock().instant());
    }

    @Test
    void anEmptyCrmGivesAnEmptyButValidReport() {
        try (Crm empty = Crm.builder().storage(InMemoryStorage.create()).build()) {
            AnalyticsReport r = AnalyticsReport.builder(empty).build();
            assertThat(r.satisfaction()).isEmpty();
            assertThat(r.value()).isEmpty();
            assertThat(r.toHtml()).contains("No survey responses").contains("No purchases");
            assertThat(r.toCsv()).isEqualTo("section,item,metric,value\n");
        }
    }
}
