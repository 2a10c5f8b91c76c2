package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportReport;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Importing 100,000 customers (an email, a phone and two tags each) into empty PostgreSQL tables, 1,000 customers
 * per transaction, three ways that write the same rows: the customer, its four child rows and its outbox event
 * (with the event counter moved once per transaction), so 600,000 rows.
 *
 * <ul>
 *   <li>{@code crmkitImportAll}: {@code customers().importAll(lazy stream, insertOnly().batchSize(1000))}, the audit
 *       trail off (the baselines write none); crm-jdbc sends each table's rows of a batch with {@code COPY}.</li>
 *   <li>{@code baselineJdbcBatches}: one prepared {@code INSERT} per table, {@code addBatch}/{@code executeBatch},
 *       with {@code reWriteBatchedInserts=true} (multi-row inserts, the fastest batches pgjdbc sends).</li>
 *   <li>{@code baselineCopy}: hand-written {@code COPY ... FROM STDIN} per table and transaction through pgjdbc's
 *       {@code CopyManager}, the rows formatted straight into one buffer per table.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BulkImportBenchmark {
    static final int ROWS = 100_000;
    static final int BATCH = 1_000;
    private static final String EVENT = "CustomerEvent.Created";

    @Param({"postgresql"})
    public String db;

    private BenchDatabase database;
    private Crm crm;
    private Connection connection;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        database = new BenchDatabase(db);
        crm = Crm.builder().storage(database.storage()).audit(AuditSettings.OFF).build();
        connection = database.connect();
        connection.setAutoCommit(false);
    }

    @Setup(Level.Invocation)
    public void empty() throws SQLException {
        database.deleteCustomers();
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + database.prefix + "events");
        }
        connection.commit();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        connection.close();
        crm.close();
        database.close();
    }

    @Benchmark
    public long crmkitImportAll() throws SQLException {
        ImportReport report = crm.customers().importAll(IntStream.range(0, ROWS).mapToObj(i ->
                        NewCustomer.person("Customer " + i).email("c" + i + "@example.com").phone(phone(i))
                                .tag("bench", "t" + (i % 10))),
                ImportOptions.insertOnly().batchSize(BATCH));
        if (report.inserted() != ROWS) {
            throw new IllegalStateException("imported " + report);
        }
        return checked();
    }

    @Benchmark
    public long baselineJdbcBatches() throws SQLException {
        String p = database.prefix;
        CustomerImportBenchmark.Uuid7 ids = new CustomerImportBenchmark.Uuid7();
        try (PreparedStatement customers = connection.prepareStatement("INSERT INTO " + p + "customers (id, kind,"
                + " display_name, name_lower, stage, owner_id, department_id, organization_id, job_title, time_zone,"
                + " archived_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement emails = connection.prepareStatement("INSERT INTO " + p + "customer_emails (customer_id,"
                     + " seq, email, email_lower) VALUES (?, ?, ?, ?)");
             PreparedStatement phones = connection.prepareStatement("INSERT INTO " + p + "customer_phones (customer_id,"
                     + " seq, phone) VALUES (?, ?, ?)");
             PreparedStatement tags = connection.prepareStatement("INSERT INTO " + p + "customer_tags (customer_id,"
                     + " seq, tag) VALUES (?, ?, ?)");
             PreparedStatement events = connection.prepareStatement("INSERT INTO " + p + "events (position, id,"
                     + " event_type, record_kind, record_id, record_version, changed_fields, occurred_at, actor, source,"
                     + " relay_partition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long position = 0;
            for (int i = 0; i < ROWS; i++) {
                if (i % BATCH == 0) {
                    position = reservePositions(Math.min(BATCH, ROWS - i));
                }
                UUID id = ids.next();
                var now = Instant.now().atOffset(ZoneOffset.UTC);
                CustomerImportBenchmark.addRows(customers, emails, phones, tags, id, i, now, false);
                events.setLong(1, position++);
                events.setObject(2, ids.next());
                events.setString(3, EVENT);
                events.setString(4, "CUSTOMER");
                events.setObject(5, id);
                events.setLong(6, 1);
                events.setString(7, "");
                events.setObject(8, now);
                events.setString(9, "system");
                events.setString(10, "IMPORT");
                events.setInt(11, EventOutboxRepository.partitionOf(id));
                events.addBatch();
                if ((i + 1) % BATCH == 0 || i == ROWS - 1) {
                    customers.executeBatch();
                    emails.executeBatch();
                    phones.executeBatch();
                    tags.executeBatch();
                    events.executeBatch();
                    connection.commit();
                }
            }
        }
        return checked();
    }

    @Benchmark
    public long baselineCopy() throws SQLException, IOException {
        String p = database.prefix;
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        CustomerImportBenchmark.Uuid7 ids = new CustomerImportBenchmark.Uuid7();
        StringBuilder customers = new StringBuilder(1 << 17);
        StringBuilder emails = new StringBuilder(1 << 16);
        StringBuilder phones = new StringBuilder(1 << 16);
        StringBuilder tags = new StringBuilder(1 << 16);
        StringBuilder events = new StringBuilder(1 << 17);
        long position = 0;
        for (int i = 0; i < ROWS; i++) {
            if (i % BATCH == 0) {
                position = reservePositions(Math.min(BATCH, ROWS - i));
            }
            UUID id = ids.next();
            String name = "Customer " + i;
            String now = Instant.now().toString();
            customers.append(id).append("\tPERSON\t").append(name).append('\t').append(name.toLowerCase(Locale.ROOT))
                    .append("\tLEAD\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t").append(now).append('\t').append(now).append("\t1\n");
            String email = "c" + i + "@example.com";
            emails.append(id).append("\t0\t").append(email).append('\t').append(email.toLowerCase(Locale.ROOT)).append('\n');
            phones.append(id).append("\t0\t").append(phone(i)).append('\n');
            tags.append(id).append("\t0\tbench\n").append(id).append("\t1\tt").append(i % 10).append('\n');
            events.append(position++).append('\t').append(ids.next()).append('\t').append(EVENT).append("\tCUSTOMER\t")
                    .append(id).append("\t1\t\t").append(now).append("\tsystem\tIMPORT\t")
                    .append(EventOutboxRepository.partitionOf(id)).append('\n');
            if ((i + 1) % BATCH == 0 || i == ROWS - 1) {
                copy(copy, p + "customers (id, kind, display_name, name_lower, stage, owner_id, department_id,"
                        + " organization_id, job_title, time_zone, archived_at, created_at, updated_at, version)", customers);
                copy(copy, p + "customer_emails (customer_id, seq, email, email_lower)", emails);
                copy(copy, p + "customer_phones (customer_id, seq, phone)", phones);
                copy(copy, p + "customer_tags (customer_id, seq, tag)", tags);
                copy(copy, p + "events (position, id, event_type, record_kind, record_id, record_version,"
                        + " changed_fields, occurred_at, actor, source, relay_partition)", events);
                connection.commit();
            }
        }
        return checked();
    }

    private static void copy(CopyManager copy, String target, StringBuilder rows) throws SQLException, IOException {
        copy.copyIn("COPY " + target + " FROM STDIN", new StringReader(rows.toString()));
        rows.setLength(0);
    }

    /** The event counter moved by {@code n}, as crmkit moves it once per transaction; the first position. */
    private long reservePositions(int n) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("UPDATE " + database.prefix + "event_head SET last_position = last_position + "
                     + n + " WHERE id = 1 RETURNING last_position")) {
            r.next();
            return r.getLong(1) - n + 1;
        }
    }

    /** Every side wrote ROWS customers and ROWS events. */
    private long checked() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT COUNT(*) FROM " + database.prefix + "customers), (SELECT COUNT(*)"
                     + " FROM " + database.prefix + "events), (SELECT COUNT(*) FROM " + database.prefix + "customer_tags)")) {
            r.next();
            if (r.getLong(1) != ROWS || r.getLong(2) != ROWS || r.getLong(3) != 2L * ROWS) {
                throw new IllegalStateException("wrote " + r.getLong(1) + " customers, " + r.getLong(2) + " events, "
                        + r.getLong(3) + " tags");
            }
            connection.commit();
            return ROWS;
        }
    }

    static String phone(int i) {
        return CustomerImportBenchmark.phone(i);
    }
}
