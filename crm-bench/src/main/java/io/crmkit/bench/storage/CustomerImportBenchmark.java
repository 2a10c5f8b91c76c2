package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportReport;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Importing 100,000 customers, each with an email, a phone and two tags, into empty tables: crmkit's
 * {@code customers().importAll(..., insertOnly().batchSize(1000))} from a lazy stream, beside plain JDBC
 * batch inserts into the same four tables, 1,000 customers per batch and transaction. One import per
 * operation (single shot); rows/s = 100,000 / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CustomerImportBenchmark {
    static final int ROWS = 100_000;
    static final int BATCH = 1_000;

    @Param({"h2", "postgresql"})
    public String db;

    private BenchDatabase database;
    private Crm crm;
    private Connection connection;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        database = new BenchDatabase(db);
        crm = Crm.builder().storage(database.storage()).build();
        connection = database.connect();
        connection.setAutoCommit(false);
    }

    @Setup(Level.Invocation)
    public void empty() throws SQLException {
        database.deleteCustomers();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        connection.close();
        crm.close();
        database.close();
    }

    @Benchmark
    public long crmkitImportAll() {
        ImportReport report = crm.customers().importAll(IntStream.range(0, ROWS).mapToObj(i ->
                        NewCustomer.person("Customer " + i).email("c" + i + "@example.com").phone(phone(i))
                                .tag("bench", "t" + (i % 10))),
                ImportOptions.insertOnly().batchSize(BATCH));
        if (report.inserted() != ROWS) {
            throw new IllegalStateException("imported " + report);
        }
        return report.inserted();
    }

    @Benchmark
    public long baselineJdbcBatches() throws SQLException {
        String p = database.prefix;
        Uuid7 ids = new Uuid7();
        try (PreparedStatement customers = connection.prepareStatement("INSERT INTO " + p + "customers (id, kind,"
                + " display_name, name_lower, stage, owner_id, department_id, organization_id, job_title, time_zone,"
                + " archived_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement emails = connection.prepareStatement("INSERT INTO " + p + "customer_emails (customer_id,"
                     + " seq, email, email_lower) VALUES (?, ?, ?, ?)");
             PreparedStatement phones = connection.prepareStatement("INSERT INTO " + p + "customer_phones (customer_id,"
                     + " seq, phone) VALUES (?, ?, ?)");
             PreparedStatement tags = connection.prepareStatement("INSERT INTO " + p + "customer_tags (customer_id,"
                     + " seq, tag) VALUES (?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                addRows(customers, emails, phones, tags, ids.next(), i, Instant.now().atOffset(ZoneOffset.UTC),
                        db.equals("h2"));
                if ((i + 1) % BATCH == 0 || i == ROWS - 1) {
                    customers.executeBatch();
                    emails.executeBatch();
                    phones.executeBatch();
                    tags.executeBatch();
                    connection.commit();
                }
            }
        }
        return ROWS;
    }

    /** Binds customer {@code i} (an email, a phone, two tags) into the four insert batches, as crmkit stores it. */
    static void addRows(PreparedStatement customers, PreparedStatement emails, PreparedStatement phones,
                        PreparedStatement tags, UUID id, int i, OffsetDateTime now, boolean h2) throws SQLException {
        String name = "Customer " + i;
        customers.setObject(1, id);
        customers.setString(2, "PERSON");
        customers.setString(3, name);
        customers.setString(4, name.toLowerCase(Locale.ROOT));
        customers.setString(5, "LEAD");
        for (int k = 6; k <= 10; k++) {
            customers.setNull(k, k == 8 ? Types.OTHER : Types.VARCHAR);
        }
        customers.setNull(11, h2 ? Types.TIMESTAMP_WITH_TIMEZONE : Types.OTHER);
        customers.setObject(12, now);
        customers.setObject(13, now);
        customers.setLong(14, 1);
        customers.addBatch();
        String email = "c" + i + "@example.com";
        emails.setObject(1, id);
        emails.setInt(2, 0);
        emails.setString(3, email);
        emails.setString(4, email.toLowerCase(Locale.ROOT));
        emails.addBatch();
        phones.setObject(1, id);
        phones.setInt(2, 0);
        phones.setString(3, phone(i));
        phones.addBatch();
        for (int t = 0; t < 2; t++) {
            tags.setObject(1, id);
            tags.setInt(2, t);
            tags.setString(3, t == 0 ? "bench" : "t" + (i % 10));
            tags.addBatch();
        }
    }

    static String phone(int i) {
        return String.format("+8613%09d", i);
    }

    /** Time-ordered UUIDs (version 7 layout), as crmkit makes them. */
    static final class Uuid7 {
        private final SecureRandom random = new SecureRandom();

        UUID next() {
            long ms = System.currentTimeMillis();
            long msb = (ms << 16) | 0x7000L | (random.nextInt() & 0x0fffL);
            long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        }
    }
}
