package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmkit.core.Crm;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportProgress;
import io.crmkit.core.importing.ImportReport;
import io.crmkit.core.importing.ImportRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk import of customers and purchases through the public API ({@code crm.customers().importAll},
 * {@code crm.purchases().importAll}) on a real database: inserts, upserts, per-row rejections and
 * duplicates, progress, flat memory over 200,000 rows and the whole CDNOW purchase log. Runs on every
 * database through a subclass. The big imports take a while on the shared two-core machines, so that the
 * module's tests stay within a few minutes: the 200,000-row memory test runs on PostgreSQL (about three
 * minutes on H2 there), the CDNOW import on H2 and PostgreSQL; MariaDB runs the rest.
 */
abstract class BulkImportBehaviour {
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    @TempDir
    Path dir;
    private String url;
    private String prefix;
    private JdbcStorage storage;
    private Crm crm;

    abstract TestDb db();

    /** Whether the 200,000-row memory test runs on this database. */
    boolean runsMemoryTest() {
        return false;
    }

    /** Whether the CDNOW import runs on this database. */
    boolean runsCdnow() {
        return true;
    }

    @BeforeEach
    void setUp() {
        db().assumeAvailable();
        prefix = TestDb.newPrefix();
        if (db() == TestDb.H2) {
            // a file database, as embedded hosts use it
            url = "jdbc:h2:file:" + dir.resolve("crm").toAbsolutePath().toString().replace('\\', '/') + ";LOCK_TIMEOUT=10000";
        } else {
            url = db().url();
        }
        storage = JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(3).build();
        crm = Crm.builder().storage(storage).build();
    }

    @AfterEach
    void tearDown() {
        if (crm != null) {
            crm.close();
        }
        if (url != null && storage != null && db() != TestDb.H2) {
            TestDb.dropTables(url, prefix);
        }
    }

    // ---- customers ------------------------------------------------------------------------------------

    @Test
    void insertOnlyStoresEveryRowWithItsContactPointsTagsAndReference() {
        int n = 1_234;
        ImportReport report = crm.customers().importAll(IntStream.range(0, n).mapToObj(BulkImportBehaviour::person),
                ImportOptions.insertOnly().batchSize(100));

        assertThat(report.total()).isEqualTo(n);
        assertThat(report.inserted()).isEqualTo(n);
        assertThat(report.updated() + report.rejected() + report.duplicates()).isZero();
        assertThat(report.problems()).isEmpty();
        assertThat(allCustomers()).hasSize(n);
        for (int i : new int[] {0, 1, 617, n - 1}) {
            Customer c = crm.customers().findByExternalRef("erp", "C-" + i).orElseThrow();
            assertThat(c.displayName()).isEqualTo("客户 " + i + " O'Brien 😀");
            assertThat(c.emails()).containsExactly(EmailAddress.of("user" + i + "@example.com"));
            assertThat(c.phones()).hasSize(1);
            assertThat(c.phones().get(0).value()).isEqualTo(phone(i));
            assertThat(c.tags()).containsExactly("imported", "batch-" + (i % 7));
            assertThat(c.externalRefs()).containsExactly(ExternalRef.of("erp", "C-" + i));
            assertThat(c.version()).isEqualTo(1);
        }
    }

    /**
     * Batches of an import go the bulk way (COPY on PostgreSQL, multi-row inserts on MariaDB): every character
     * that format escapes, and text that looks like its null marker, comes back as written.
     */
    @Test
    void textThatTheBulkFormatsEscapeComesBackAsWritten() {
        String[] nasty = {"back\\slash \\N", "\\N", "tab\there", "line\nbreak\r\nend", "'; DROP TABLE x; --",
                "张三 😀 \\x41", "in   between", "naïve café", "\"quoted\" , comma"};
        int n = 300;
        ImportReport report = crm.customers().importAll(IntStream.range(0, n).mapToObj(i -> NewCustomer
                        .person("客户 " + i + " \\ back\\slash 😀").externalRef("erp", "N-" + i)
                        .tag("t\\" + i, "%_" + (i % 3))
                        .attribute("note", nasty[i % nasty.length])
                        .attribute("level", i)
                        .attribute("vip", i % 2 == 0)),
                ImportOptions.insertOnly().batchSize(150));

        assertThat(report.inserted()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            Customer c = crm.customers().findByExternalRef("erp", "N-" + i).orElseThrow();
            assertThat(c.displayName()).isEqualTo("客户 " + i + " \\ back\\slash 😀");
            assertThat(c.tags()).containsExactly("t\\" + i, "%_" + (i % 3));
            assertThat(c.attributes().get("note").asText()).isEqualTo(nasty[i % nasty.length]);
            assertThat(c.attributes().get("level").asText()).isEqualTo(String.valueOf(i));
            assertThat(c.attributes().get("vip").asText()).isEqualTo(String.valueOf(i % 2 == 0));
            assertThat(c.archivedAt()).isEmpty();
            assertThat(c.organizationId()).isEmpty();
        }
    }

    @Test
    void upsertByExternalReferenceUpdatesTheHolderAndInsertsTheRest() {
        crm.customers().importAll(IntStream.range(0, 3).mapToObj(BulkImportBehaviour::person), ImportOptions.insertOnly());
        Customer before = crm.customers().findByExternalRef("erp", "C-1").orElseThrow();

        List<ImportRow> rows = new ArrayList<>();
        ImportReport report = crm.customers().importAll(Stream.of(
                        NewCustomer.person("Renamed One").email("second@example.com").tag("vip").externalRef("erp", "C-1"),
                        person(3)),
                ImportOptions.upsertByExternalRef("erp").onRow(rows::add));

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.inserted()).isEqualTo(1);
        assertThat(rows).extracting(ImportRow::outcome).containsExactly(ImportRow.Outcome.UPDATED, ImportRow.Outcome.INSERTED);
        assertThat(rows.get(0).id()).contains(before.id().value());
        Customer after = crm.customers().require(before.id());
        assertThat(after.displayName()).isEqualTo("Renamed One");
        assertThat(after.emails()).containsExactly(EmailAddress.of("user1@example.com"), EmailAddress.of("second@example.com"));
        assertThat(after.tags()).containsExactly("imported", "batch-1", "vip");
        assertThat(after.version()).isEqualTo(2);
        assertThat(allCustomers()).hasSize(4);
    }

    @Test
    void upsertByEmailMatchesCaseInsensitivelyAndInsertsUnknownAddresses() {
        Customer stored = crm.customers().create(NewCustomer.person("Zhang Wei").email("Zhang.Wei@Example.com"));

        ImportReport report = crm.customers().importAll(Stream.of(
                        NewCustomer.person("张伟").email("zhang.wei@EXAMPLE.com").phone(phone(5)),
                        NewCustomer.person("Li Na").email("li.na@example.com")),
                ImportOptions.upsertByEmail());

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.inserted()).isEqualTo(1);
        Customer after = crm.customers().require(stored.id());
        assertThat(after.displayName()).isEqualTo("张伟");
        assertThat(after.phones()).extracting(p -> p.value()).containsExactly(phone(5));
        assertThat(crm.customers().search(CustomerQuery.all().email("LI.NA@example.com"), PageRequest.first(10)).items())
                .extracting(Customer::displayName).containsExactly("Li Na");
        assertThat(allCustomers()).hasSize(2);
    }

    @Test
    void rejectedRowsGiveTheirReasonsAndDoNotStopTheOthers() {
        Customer holder = crm.customers().create(NewCustomer.person("Holder").externalRef("erp", "TAKEN"));

        ImportReport report = crm.customers().importAll(Stream.of(
                        person(0),
                        NewCustomer.person("Bad email").email("not an email"),
                        person(2),
                        NewCustomer.person("Taken reference").externalRef("erp", "TAKEN"),
                        NewCustomer.person("Bad phone").phone("call me maybe"),
                        person(5)),
                ImportOptions.insertOnly().batchSize(4));

        assertThat(report.inserted()).isEqualTo(3);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.problems()).extracting(ImportRow::index).containsExactly(1L, 3L, 4L);
        assertThat(report.problems()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(ImportRow.Outcome.REJECTED));
        assertThat(report.problems().get(0).problems()).anySatisfy(v -> assertThat(v.field()).startsWith("emails"));
        assertThat(report.problems().get(1).problems()).anySatisfy(v -> {
            assertThat(v.field()).isEqualTo("externalRefs");
            assertThat(v.message()).contains("erp:TAKEN").contains(holder.id().toString());
        });
        assertThat(report.problems().get(2).problems()).anySatisfy(v -> assertThat(v.field()).startsWith("phones"));
        assertThat(allCustomers()).extracting(Customer::displayName)
                .containsExactlyInAnyOrder("Holder", "客户 0 O'Brien 😀", "客户 2 O'Brien 😀", "客户 5 O'Brien 😀");
    }

    @Test
    void rowsRepeatingAKeyOfTheInputAreDuplicatesInTheSameBatchAndAcrossBatches() {
        ImportReport report = crm.customers().importAll(Stream.of(
                        person(0),
                        NewCustomer.person("Same batch").externalRef("erp", "C-0"),
                        person(1),
                        person(2),
                        NewCustomer.person("Later batch").externalRef("erp", "C-1")),
                ImportOptions.upsertByExternalRef("erp").batchSize(3));

        assertThat(report.inserted()).isEqualTo(3);
        assertThat(report.duplicates()).isEqualTo(2);
        assertThat(report.problems()).extracting(ImportRow::index).containsExactly(1L, 4L);
        assertThat(report.problems()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(ImportRow.Outcome.DUPLICATE));
        assertThat(crm.customers().findByExternalRef("erp", "C-0").orElseThrow().displayName()).isEqualTo("客户 0 O'Brien 😀");
        assertThat(allCustomers()).hasSize(3);
    }

    @Test
    void progressIsReportedAfterEveryBatch() {
        List<ImportProgress> progress = new ArrayList<>();
        crm.customers().importAll(Stream.concat(IntStream.range(0, 249).mapToObj(BulkImportBehaviour::person),
                        Stream.of(NewCustomer.person("Bad").email("@"))),
                ImportOptions.insertOnly().batchSize(100).onProgress(progress::add));

        assertThat(progress).containsExactly(
                new ImportProgress(100, 100, 0, 0, 0),
                new ImportProgress(200, 200, 0, 0, 0),
                new ImportProgress(250, 249, 0, 1, 0));
    }

    // ---- purchases ------------------------------------------------------------------------------------

    @Test
    void purchasesAreStoredOnceRejectedForUnknownCustomersAndDuplicatesByExternalId() {
        Customer c = crm.customers().create(NewCustomer.person("Buyer"));
        CustomerId unknown = new CustomerId(java.util.UUID.randomUUID());
        ImportReport first = crm.purchases().importAll(Stream.of(
                        NewPurchase.of(c.id(), new BigDecimal("12.50"), "CNY").externalId("SO-1"),
                        NewPurchase.of(unknown, new BigDecimal("1"), "CNY").externalId("SO-2"),
                        NewPurchase.of(c.id(), new BigDecimal("3.10"), "CNY").externalId("SO-1"),
                        NewPurchase.of(c.id(), new BigDecimal("-1"), "CNY").externalId("SO-4"),
                        NewPurchase.of(c.id(), new BigDecimal("7"), "USD").quantity(2).externalId("SO-5")),
                ImportOptions.insertOnly().batchSize(2));

        assertThat(first.inserted()).isEqualTo(2);
        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(first.rejected()).isEqualTo(2);
        assertThat(first.problems()).extracting(ImportRow::index).containsExactly(1L, 2L, 3L);
        assertThat(crm.purchases().findByExternalId("SO-1").orElseThrow().amount()).isEqualByComparingTo("12.50");

        ImportReport again = crm.purchases().importAll(Stream.of(
                        NewPurchase.of(c.id(), new BigDecimal("12.50"), "CNY").externalId("SO-1"),
                        NewPurchase.of(c.id(), new BigDecimal("7"), "USD").externalId("SO-5")),
                ImportOptions.insertOnly());
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.inserted()).isZero();
        assertThat(allPurchases()).hasSize(2);
    }

    // ---- big imports ----------------------------------------------------------------------------------

    @Test
    void importing200000RowsFromALazyStreamKeepsTheHeapFlat() {
        assumeTrue(runsMemoryTest(), () -> "the 200,000-row import runs on PostgreSQL only (see the class comment)");
        int n = 200_000;
        long before = usedHeapAfterGc();
        AtomicLong peak = new AtomicLong();
        ImportReport report = crm.customers().importAll(IntStream.range(0, n).mapToObj(BulkImportBehaviour::person),
                ImportOptions.upsertByExternalRef("erp").batchSize(1000).onProgress(p -> {
                    if (p.processed() % 50_000 == 0) {
                        peak.accumulateAndGet(usedHeapAfterGc(), Math::max);
                    }
                }));

        assertThat(report.problems()).isEmpty();
        assertThat(report.inserted()).isEqualTo(n);
        // 200,000 customers with an email, a phone, two tags and a reference take well over 200 MB as objects;
        // the import holds one batch of 1,000 and the duplicate check's 16 bytes per key (about 4 MB here)
        long grown = peak.get() - before;
        assertThat(grown).as("heap growth during the import, bytes").isLessThan(48L << 20);
        assertThat(countRows("customers")).isEqualTo(n);
        assertThat(countRows("customer_tags")).isEqualTo(2L * n);
        assertThat(crm.customers().findByExternalRef("erp", "C-" + (n - 1))).isPresent();
    }

    @Test
    void theWholeCdnowLogImportsOnceAndAgainAsDuplicates() throws IOException {
        assumeTrue(runsCdnow(), () -> "the CDNOW import runs on H2 and PostgreSQL only (see the class comment)");
        Path file = cdnowMaster();
        Cdnow expected = Cdnow.parse(file);
        assertThat(expected.purchases).isEqualTo(69_659);
        assertThat(expected.customers.size()).isEqualTo(23_570);

        // customers: one per CDNOW id, with the reference ("cdnow", id)
        List<String> cdnowIds = new ArrayList<>(expected.customers.keySet());
        Map<String, CustomerId> ids = new HashMap<>();
        ImportReport customers = crm.customers().importAll(cdnowIds.stream()
                        .map(id -> NewCustomer.person("CDNOW " + id).externalRef("cdnow", id)),
                ImportOptions.insertOnly().batchSize(1000).onRow(r ->
                        ids.put(cdnowIds.get((int) r.index()), new CustomerId(r.id().orElseThrow()))));
        assertThat(customers.problems()).isEmpty();
        assertThat(customers.inserted()).isEqualTo(23_570);

        ImportReport purchases = importCdnowPurchases(file, ids);
        assertThat(purchases.problems()).isEmpty();
        assertThat(purchases.inserted()).isEqualTo(69_659);
        assertThat(purchases.rejected() + purchases.duplicates()).isZero();

        List<Purchase> stored = allPurchases();
        assertThat(stored).hasSize(69_659);
        assertThat(stored.stream().map(Purchase::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(expected.revenue);
        assertThat(stored.stream().mapToLong(Purchase::quantity).sum()).isEqualTo(expected.cds);
        Map<CustomerId, BigDecimal> byCustomer = new HashMap<>();
        stored.forEach(p -> byCustomer.merge(p.customerId(), p.amount(), BigDecimal::add));
        assertThat(byCustomer).hasSize(23_570);
        expected.customers.forEach((cdnowId, revenue) ->
                assertThat(byCustomer.get(ids.get(cdnowId))).as("revenue of CDNOW customer %s", cdnowId)
                        .isEqualByComparingTo(revenue));
        Purchase firstLine = crm.purchases().findByExternalId("cdnow-2").orElseThrow();
        assertThat(firstLine.customerId()).isEqualTo(ids.get("00001"));
        assertThat(firstLine.amount()).isEqualByComparingTo("11.77");
        assertThat(firstLine.occurredAt()).isEqualTo(LocalDate.of(1997, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant());

        ImportReport again = importCdnowPurchases(file, ids);
        assertThat(again.duplicates()).isEqualTo(69_659);
        assertThat(again.inserted() + again.rejected()).isZero();
        assertThat(countRows("purchases")).isEqualTo(69_659);
    }

    /** Imports every line of the file lazily; the external id is {@code cdnow-<line number>}. */
    private ImportReport importCdnowPurchases(Path file, Map<String, CustomerId> ids) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.US_ASCII)) {
            AtomicLong lineNo = new AtomicLong();
            return crm.purchases().importAll(lines.map(line -> Map.entry(lineNo.incrementAndGet(), line.strip()))
                    .filter(e -> !e.getValue().isEmpty() && Character.isDigit(e.getValue().charAt(0)))
                    .map(e -> {
                        String[] f = e.getValue().split("\\s+");
                        return NewPurchase.of(ids.get(f[0]), new BigDecimal(f[3]), "USD")
                                .occurredAt(LocalDate.parse(f[1], YYYYMMDD).atStartOfDay(ZoneOffset.UTC).toInstant())
                                .quantity(Integer.parseInt(f[2]))
                                .externalId("cdnow-" + e.getKey());
                    }), ImportOptions.insertOnly().batchSize(2000));
        }
    }

    /** What a direct parse of the CDNOW file says: purchases, CDs, revenue, revenue per customer id. */
    private static final class Cdnow {
        long purchases;
        long cds;
        BigDecimal revenue = BigDecimal.ZERO;
        final Map<String, BigDecimal> customers = new LinkedHashMap<>();

        static Cdnow parse(Path file) throws IOException {
            Cdnow c = new Cdnow();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length != 4 || !Character.isDigit(f[0].charAt(0))) {
                        continue; // the header
                    }
                    BigDecimal amount = new BigDecimal(f[3]);
                    c.purchases++;
                    c.cds += Integer.parseInt(f[2]);
                    c.revenue = c.revenue.add(amount);
                    c.customers.merge(f[0], amount, BigDecimal::add);
                }
            }
            return c;
        }
    }

    private static Path cdnowMaster() {
        String shared = System.getenv("CRM_SHARED_DATA");
        Path file = shared == null ? null : Path.of(shared, "cdnow", "CDNOW_master.txt");
        assumeTrue(file != null && Files.isReadable(file), () -> "the CDNOW import is skipped: "
                + (shared == null ? "CRM_SHARED_DATA is not set" : file + " is absent")
                + " (the shared data set lives in ../shared/data/cdnow; see its README)");
        return file;
    }

    // ---- helpers --------------------------------------------------------------------------------------

    static NewCustomer person(int i) {
        return NewCustomer.person("客户 " + i + " O'Brien 😀")
                .email("user" + i + "@example.com")
                .phone(phone(i))
                .tag("imported", "batch-" + (i % 7))
                .externalRef("erp", "C-" + i);
    }

    static String phone(int i) {
        return String.format("+8613%09d", i);
    }

    private List<Customer> allCustomers() {
        List<Customer> all = new ArrayList<>();
        Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
        while (page.isPresent()) {
            Page<Customer> p = crm.customers().search(CustomerQuery.all().includeArchived(true), page.get());
            all.addAll(p.items());
            page = page.get().next(p);
        }
        return all;
    }

    private List<Purchase> allPurchases() {
        List<Purchase> all = new ArrayList<>();
        Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
        while (page.isPresent()) {
            Page<Purchase> p = crm.purchases().search(PurchaseQuery.all(), page.get());
            all.addAll(p.items());
            page = page.get().next(p);
        }
        return all;
    }

    private long countRows(String table) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + prefix + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
