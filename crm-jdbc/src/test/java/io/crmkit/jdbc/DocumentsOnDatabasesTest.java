package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.DocumentDownload;
import io.crmkit.core.document.DocumentLink;
import io.crmkit.core.document.DocumentQuery;
import io.crmkit.core.document.DocumentSettings;
import io.crmkit.core.document.DocumentVersion;
import io.crmkit.core.document.Download;
import io.crmkit.core.document.NewDocument;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.UserRef;
import io.crmkit.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Documents through {@code Crm} on every database, content in the database's own store: an upload and its versions
 * come back byte for byte with their checksums, every download is recorded, two writers adding versions to one
 * document leave numbers without gaps (the loser of a race gets a {@link ConflictException} and its content is
 * deleted again), and a refused upload leaves no content rows.
 */
class DocumentsOnDatabasesTest {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestDb db;
    private String url;
    private String prefix;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        if (db != null && db != TestDb.H2) {
            TestDb.dropTables(url, prefix);
        }
    }

    private Crm crm(TestDb which, DocumentSettings settings) {
        which.assumeAvailable();
        db = which;
        url = which.url();
        prefix = TestDb.newPrefix();
        JdbcStorage storage = JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(4).build();
        Crm crm = Crm.builder().storage(storage).clock(TestClock.at(Instant.parse("2026-03-02T02:00:00Z")))
                .documents(settings).build();
        opened.add(crm);
        return crm;
    }

    private long contentRows() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + prefix + "content_objects")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] read(Download d) throws IOException {
        try (d) {
            return d.content().readAllBytes();
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void uploadVersionsAndDownloadsRoundTrip(TestDb which) throws Exception {
        Crm crm = crm(which, DocumentSettings.DEFAULT);
        Customer customer = crm.customers().create(NewCustomer.person("张三 '; --"));
        byte[] first = new byte[700_001];
        new Random(3).nextBytes(first);
        Document d = crm.as(Actor.user("li")).documents().upload(NewDocument.named("合同 📄 100%_final.pdf", "application/pdf")
                .linkTo(DocumentLink.customer(customer.id())), new ByteArrayInputStream(first));
        byte[] second = "第二版".getBytes(StandardCharsets.UTF_8);
        crm.as(Actor.user("wang")).documents().addVersion(d.id(), new ByteArrayInputStream(second));
        crm.documents().addVersion(d.id(), new ByteArrayInputStream(new byte[0]));

        Document stored = crm.documents().require(d.id());
        assertThat(stored.name()).isEqualTo("合同 📄 100%_final.pdf");
        assertThat(stored.versions()).extracting(DocumentVersion::number, DocumentVersion::size, DocumentVersion::sha256)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 700_001L, sha256(first)),
                        org.assertj.core.groups.Tuple.tuple(2, (long) second.length, sha256(second)),
                        org.assertj.core.groups.Tuple.tuple(3, 0L, sha256(new byte[0])));
        assertThat(read(crm.as(Actor.user("li")).documents().open(d.id(), 1))).isEqualTo(first);
        assertThat(read(crm.as(Actor.user("zhao")).documents().open(d.id(), 2))).isEqualTo(second);
        assertThat(read(crm.documents().open(d.id()))).isEmpty();
        assertThat(crm.documents().downloads(d.id(), PageRequest.first(10)).items()).extracting(DocumentDownload::by,
                DocumentDownload::version).containsExactly(org.assertj.core.groups.Tuple.tuple(UserRef.of("li"), 1),
                org.assertj.core.groups.Tuple.tuple(UserRef.of("zhao"), 2),
                org.assertj.core.groups.Tuple.tuple(io.crmkit.core.security.Actor.SYSTEM.user(), 3));
        assertThat(crm.documents().search(DocumentQuery.all().linkedTo(DocumentLink.customer(customer.id()))
                .namePrefix("合同 📄 100%_"), PageRequest.first(10)).items()).extracting(Document::id).containsExactly(d.id());
        assertThat(crm.documents().search(DocumentQuery.all().namePrefix("合同 📄 100__"), PageRequest.first(10)).items())
                .as("LIKE wildcards in a prefix are literal").isEmpty();
        assertThat(contentRows()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void twoWritersAddingVersionsLeaveNoGapAndNoOrphanContent(TestDb which) throws Exception {
        Crm crm = crm(which, DocumentSettings.DEFAULT);
        Document d = crm.documents().upload(NewDocument.named("shared.txt", "text/plain"), new ByteArrayInputStream(new byte[] {1}));
        int perThread = 12;
        AtomicInteger added = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        try {
                            crm.as(Actor.user("writer-" + thread)).documents().addVersion(d.id(),
                                    new ByteArrayInputStream(("v " + thread + " " + i).getBytes(StandardCharsets.UTF_8)));
                            added.incrementAndGet();
                        } catch (ConflictException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Document stored = crm.documents().require(d.id());
        assertThat(added.get() + conflicts.get()).isEqualTo(2 * perThread);
        assertThat(added.get()).as("some writes succeed").isPositive();
        assertThat(stored.versions()).extracting(DocumentVersion::number)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 1 + added.get()).boxed().toList());
        assertThat(contentRows()).as("the content of a lost race is deleted again").isEqualTo(1 + added.get());
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void refusedUploadsLeaveNoContent(TestDb which) throws Exception {
        Crm crm = crm(which, DocumentSettings.builder().maxSize(300_000).build());
        assertThatThrownBy(() -> crm.documents().upload(NewDocument.named("x.pdf", "application/pdf")
                .linkTo(DocumentLink.customer(new CustomerId(UUID.randomUUID()))), new ByteArrayInputStream(new byte[10])))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.documents().upload(NewDocument.named("big.bin", "application/octet-stream"),
                new ByteArrayInputStream(new byte[300_001]))).isInstanceOf(ValidationException.class)
                .hasMessageContaining("content");
        assertThat(contentRows()).isZero();
        assertThat(crm.documents().search(DocumentQuery.all().includingArchived(), PageRequest.first(10)).items()).isEmpty();
    }
}
