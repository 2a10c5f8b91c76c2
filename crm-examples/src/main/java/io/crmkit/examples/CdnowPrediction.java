package io.crmkit.examples;

import io.crmkit.analytics.prediction.BgNbdModel;
import io.crmkit.analytics.prediction.CalibrationPeriod;
import io.crmkit.analytics.prediction.CalibrationSummary;
import io.crmkit.analytics.prediction.CustomerSummary;
import io.crmkit.analytics.prediction.Prediction;
import io.crmkit.core.Crm;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.jdbc.JdbcStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Predicts repeat purchases of the CDNOW customers. Imports a purchases file in the CDNOW_sample.txt
 * format (master customer id, sample id, yyyyMMdd date, CDs, dollars; whitespace separated) into an
 * embedded H2 database, summarises the calibration period 1997-01-01 to 1997-09-30 in weeks from the
 * stored purchases, fits BG/NBD and prints the estimates and the customers with the most expected
 * purchases in the next 39 weeks.
 *
 * <pre>
 * java io.crmkit.examples.CdnowPrediction ../shared/data/cdnow/CDNOW_sample.txt [--db DIR] [--top N]
 * </pre>
 *
 * Without {@code --db} the database lives in a temporary directory that is deleted at the end.
 */
public final class CdnowPrediction {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private CdnowPrediction() {
    }

    public static void main(String[] args) throws IOException {
        Path file = null;
        Path db = null;
        int top = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--db" -> db = Path.of(args[++i]);
                case "--top" -> top = Integer.parseInt(args[++i]);
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null) {
            System.err.println("usage: CdnowPrediction <CDNOW_sample.txt-format file> [--db DIR] [--top N]");
            System.exit(2);
            return;
        }
        boolean temporary = db == null;
        Path directory = db != null ? db : Files.createTempDirectory("crmkit-cdnow");
        try (Crm crm = Crm.builder().storage(JdbcStorage.embedded(directory)).build()) {
            Map<CustomerId, String> masterIds = importPurchases(crm, file);
            CalibrationSummary calibration = CalibrationSummary.build(crm,
                    CalibrationPeriod.weeks(LocalDate.of(1997, 1, 1), LocalDate.of(1997, 9, 30), ZoneOffset.UTC));
            BgNbdModel model = BgNbdModel.fit(calibration.customers());
            System.out.printf(Locale.ROOT, "bgnbd r=%.4f alpha=%.4f a=%.4f b=%.4f ll=%.2f%n",
                    model.r(), model.alpha(), model.a(), model.b(), model.logLikelihood());

            List<Prediction> best = model.predict(calibration.customers(), 39, top);
            System.out.printf(Locale.ROOT, "%nCustomers with the most expected purchases in the next 39 weeks (of %d):%n",
                    calibration.customers().size());
            System.out.printf(Locale.ROOT, "%-10s %5s %9s %7s %8s %10s%n", "customer", "x", "t_x", "T", "P(alive)",
                    "E[purch]");
            for (Prediction p : best) {
                CustomerSummary c = p.customer();
                System.out.printf(Locale.ROOT, "%-10s %5d %9.2f %7.2f %8.3f %10.3f%n",
                        masterIds.getOrDefault(c.customerId(), c.customerId().toString()), c.frequency(), c.recency(),
                        c.age(), p.probabilityAlive(), p.expectedPurchases());
            }
        } finally {
            if (temporary) {
                deleteRecursively(directory);
            }
        }
    }

    /**
     * Reads the file into the CRM: one customer per master id (external reference "cdnow"), one purchase
     * per line (external id "cdnow:&lt;line&gt;", so importing twice stores nothing new).
     */
    static Map<CustomerId, String> importPurchases(Crm crm, Path file) throws IOException {
        Map<String, CustomerId> byMaster = new HashMap<>();
        Map<CustomerId, String> masterOf = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                String[] f = line.strip().split("\\s+");
                if (f.length < 5) {
                    continue;
                }
                String master = f[0];
                CustomerId id = byMaster.computeIfAbsent(master, m -> {
                    Customer c = crm.customers().findByExternalRef("cdnow", m)
                            .orElseGet(() -> crm.customers().create(NewCustomer.person("CDNOW " + m).externalRef("cdnow", m)));
                    return c.id();
                });
                masterOf.put(id, master);
                crm.purchases().record(NewPurchase.of(id, new BigDecimal(f[4]), "USD")
                        .occurredAt(LocalDate.parse(f[2], YYYYMMDD).atStartOfDay(ZoneOffset.UTC).toInstant())
                        .quantity(Math.max(1, Integer.parseInt(f[3])))
                        .externalId("cdnow:" + lineNo));
            }
        }
        return masterOf;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
