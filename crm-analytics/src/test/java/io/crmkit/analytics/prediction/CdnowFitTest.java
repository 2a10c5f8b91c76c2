package io.crmkit.analytics.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.analytics.SharedData;
import io.crmkit.core.customer.CustomerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CdnowFitTest {
    static List<CustomerSummary> readSummary(Path file) throws IOException {
        List<CustomerSummary> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("ID")) {
                continue;
            }
            String[] f = line.split(",");
            rows.add(CustomerSummary.of(new CustomerId(new UUID(0, Long.parseLong(f[0]))), Integer.parseInt(f[1]),
                    Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return rows;
    }

    @Test
    void fitOnThePublishedSummaryReproducesThePaper() throws IOException {
        List<CustomerSummary> rows = readSummary(SharedData.require("cdnow/cdnow_customers_summary.csv"));
        assertThat(rows).hasSize(2357);

        BgNbdModel m = BgNbdModel.fit(rows);

        assertThat(m.r()).isCloseTo(0.243, within(0.0005));
        assertThat(m.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(m.a()).isCloseTo(0.793, within(0.0005));
        assertThat(m.b()).isCloseTo(2.426, within(0.0005));
        assertThat(m.logLikelihood()).isCloseTo(-9582.4, within(0.05));
        assertThat(m.customers()).isEqualTo(2357);
        System.out.printf("r=%.6f alpha=%.6f a=%.6f b=%.6f ll=%.4f%n", m.r(), m.alpha(), m.a(), m.b(), m.logLikelihood());
    }
}
