package io.crmkit.analytics.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.analytics.SharedData;
import io.crmkit.core.Crm;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Imports the raw CDNOW sample through the purchase service and summarises it from storage. */
class CdnowFromStorageTest {
    private static Crm crm;
    private static final Map<CustomerId, String> SAMPLE_ID = new HashMap<>();
    private static CalibrationSummary summary;

    @BeforeAll
    static void importSample() throws IOException {
        Path file = SharedData.require("cdnow/CDNOW_sample.txt");
        crm = Crm.builder().storage(InMemoryStorage.create()).build();
        Map<String, CustomerId> byMasterId = new HashMap<>();
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        for (String line : Files.readAllLines(file)) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            CustomerId id = byMasterId.computeIfAbsent(f[0], master -> {
                CustomerId created = crm.customers().create(NewCustomer.person("CDNOW " + master)
                        .externalRef("cdnow", master)).id();
                SAMPLE_ID.put(created, String.valueOf(Integer.parseInt(f[1])));
                return created;
            });
            crm.purchases().record(NewPurchase.of(id, new BigDecimal(f[4]), "USD")
                    .occurredAt(LocalDate.parse(f[2], yyyymmdd).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .quantity(Math.max(1, Integer.parseInt(f[3]))));
        }
        summary = CalibrationSummary.build(crm,
                CalibrationPeriod.weeks(LocalDate.of(1997, 1, 1), LocalDate.of(1997, 9, 30), ZoneOffset.UTC));
    }

    @AfterAll
    static void close() {
        if (crm != null) {
            crm.close();
        }
    }

    @Test
    void calibrationSummaryFromRawPurchasesEqualsThePublishedSummary() throws IOException {
        Map<String, String[]> published = new HashMap<>();
        for (String line : Files.readAllLines(SharedData.require("cdnow/cdnow_customers_summary.csv"))) {
            if (!line.startsWith("ID")) {
                String[] f = line.split(",");
                published.put(f[0], f);
            }
        }
        assertThat(summary.customers()).hasSize(published.size());
        for (CustomerSummary c : summary.customers()) {
            String[] row = published.get(SAMPLE_ID.get(c.customerId()));
            assertThat(row).as("customer %s", SAMPLE_ID.get(c.customerId())).isNotNull();
            assertThat(c.frequency()).as("frequency of %s", row[0]).isEqualTo(Integer.parseInt(row[1]));
            assertThat(c.recency()).as("recency of %s", row[0]).isCloseTo(Double.parseDouble(row[2]), within(0.0051));
            assertThat(c.age()).as("T of %s", row[0]).isCloseTo(Double.parseDouble(row[3]), within(0.0051));
        }
    }

    @Test
    void fitFromStorageReproducesThePaper() {
        BgNbdModel m = BgNbdModel.fit(summary.customers());
        assertThat(m.r()).isCloseTo(0.243, within(0.0005));
        assertThat(m.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(m.a()).isCloseTo(0.793, within(0.0005));
        assertThat(m.b()).isCloseTo(2.426, within(0.0005));
        assertThat(m.logLikelihood()).isCloseTo(-9582.4, within(0.05));
    }

    @Test
    void spendModelOnTheRepeatBuyers() {
        GammaGammaModel spend = GammaGammaModel.fit(summary.customers());
        long repeaters = summary.customers().stream().filter(c -> c.frequency() > 0).count();
        assertThat(spend.customers()).isEqualTo((int) repeaters);
        // the model's population mean is close to the observed mean of the repeat buyers' mean spend
        double observed = summary.customers().stream().filter(c -> c.frequency() > 0)
                .mapToDouble(CustomerSummary::monetaryValue).average().orElseThrow();
        assertThat(spend.populationAverageValue()).isCloseTo(observed, within(0.1 * observed));
        // the estimates the lifetimes project publishes for this data: p 6.25, q 3.74, v 15.44 on 946 customers
        assertThat(spend.p()).isCloseTo(6.25, within(0.005));
        assertThat(spend.q()).isCloseTo(3.74, within(0.005));
        assertThat(spend.gamma()).isCloseTo(15.44, within(0.005));
        assertThat(spend.customers()).isEqualTo(946);
        System.out.printf("gamma-gamma p=%.4f q=%.4f gamma=%.4f n=%d%n", spend.p(), spend.q(), spend.gamma(), spend.customers());
        List<Prediction> top = BgNbdModel.fit(summary.customers()).predict(summary.customers(), 39, 5);
        assertThat(top).hasSize(5);
        assertThat(top.get(0).expectedPurchases()).isGreaterThanOrEqualTo(top.get(4).expectedPurchases());
    }
}
