package io.crmkit.bench.storage;

import io.crmkit.jdbc.JdbcStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The database of a storage benchmark: an H2 file database in a temporary directory, or PostgreSQL at
 * {@code -Dcrm.bench.postgres=<jdbc url>} (default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}),
 * with crmkit's tables under a random prefix that {@link #close()} drops. Big tables are generated inside
 * the database with {@code INSERT ... SELECT} over a number series, with ids the benchmark can compute:
 * {@link #id(int, long)}.
 */
final class BenchDatabase implements AutoCloseable {
    final String kind;
    final String url;
    final String prefix;
    private final @Nullable Path dir; // null for PostgreSQL

    private static final java.util.Map<String, Shared> SHARED = new java.util.HashMap<>();

    /** A loaded database with crmkit and a baseline connection on it. */
    record Shared(BenchDatabase database, io.crmkit.core.Crm crm, Connection connection) {
    }

    /** A loader of a database's tables. */
    interface Loader {
        void load(BenchDatabase database) throws SQLException;
    }

    /**
     * The database loaded for {@code key}, made once per JVM and dropped when the JVM exits: the benchmark
     * methods of a class run one after another in one JVM with {@code -f 0} reuse the big tables (each
     * {@code -f 1} fork loads its own).
     */
    static synchronized Shared shared(String kind, String key, Loader loader) throws SQLException {
        Shared found = SHARED.get(kind + "/" + key);
        if (found != null) {
            return found;
        }
        BenchDatabase database = new BenchDatabase(kind);
        io.crmkit.core.Crm crm = io.crmkit.core.Crm.builder().storage(database.storage()).build();
        long started = System.nanoTime();
        loader.load(database);
        System.out.printf("%n[setup] %s on %s loaded in %.1f s%n", key, kind, (System.nanoTime() - started) / 1e9);
        Shared made = new Shared(database, crm, database.connect());
        SHARED.put(kind + "/" + key, made);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                made.connection().close();
                made.crm().close();
                made.database().close();
            } catch (Exception e) {
                System.err.println("cannot drop the benchmark tables " + database.prefix + ": " + e);
            }
        }));
        return made;
    }

    BenchDatabase(String kind) {
        this.kind = kind;
        this.prefix = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        try {
            switch (kind) {
                case "h2" -> {
                    dir = Files.createTempDirectory("crm-bench-h2");
                    url = "jdbc:h2:file:" + dir.resolve("crm").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
                }
                case "postgresql" -> {
                    dir = null;
                    url = System.getProperty("crm.bench.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
                }
                default -> throw new IllegalArgumentException("unknown database " + kind);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** crmkit's storage on this database (migrates the schema). */
    JdbcStorage storage() {
        return JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(4).build();
    }

    /** A plain connection for the baselines, with the same batch rewriting crmkit's own pool turns on. */
    Connection connect() throws SQLException {
        String u = kind.equals("postgresql") ? url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true" : url;
        return DriverManager.getConnection(u);
    }

    String t(String table) {
        return prefix + table;
    }

    /**
     * The id of the {@code n}-th generated row of a kind (0 customers, 1 interactions): a UUID of version 7
     * layout whose leading 48 bits grow with {@code n}, written with decimal digits so SQL can build it.
     */
    static UUID id(int kind, long n) {
        String p = String.format("%012d", n);
        return UUID.fromString(p.substring(0, 8) + "-" + p.substring(8, 12) + "-700" + kind + "-8000-" + p);
    }

    /** The SQL expression for {@link #id(int, long)} over a column {@code p} = the zero-padded number. */
    static String idSql(int kind, String p) {
        return "CAST(SUBSTRING(" + p + ", 1, 8) || '-' || SUBSTRING(" + p + ", 9, 4) || '-700" + kind + "-8000-' || " + p
                + " AS UUID)";
    }

    /** A row source of numbers 1..n as column {@code x} and its 12-digit zero-padded form as {@code p}. */
    String series(long n) {
        String source = kind.equals("h2") ? "SELECT X AS x FROM SYSTEM_RANGE(1, " + n + ")"
                : "SELECT g AS x FROM generate_series(1, " + n + ") g";
        return "(SELECT x, LPAD(CAST(x AS VARCHAR(20)), 12, '0') AS p FROM (" + source + ") s0) s";
    }

    /** An instant {@code seconds} after 2024-01-01 UTC in SQL. */
    String timeSql(String seconds) {
        return kind.equals("h2") ? "DATEADD(SECOND, " + seconds + ", TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00+00')"
                : "(TIMESTAMPTZ '2024-01-01 00:00:00+00' + " + seconds + " * INTERVAL '1 second')";
    }

    /** Customers 1..n with an email c{i}@example.com, a phone +8613{i:9} and tags "bench" and "t{i%10}". */
    void generateCustomers(long n) throws SQLException {
        generateCustomers(n, 0);
    }

    /**
     * As {@link #generateCustomers(long)}, and with {@code owners > 0} customer i owned by user "u{i % owners}"
     * of department "d{i % owners % 50}": every owner in one of 50 departments, each department with the
     * customers of {@code owners / 50} owners ({@code owners} a multiple of 50).
     */
    void generateCustomers(long n, int owners) throws SQLException {
        String owner = owners == 0 ? "NULL" : "'u' || MOD(x, " + owners + ")";
        String department = owners == 0 ? "NULL" : "'d' || MOD(MOD(x, " + owners + "), 50)";
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t("customers") + " (id, kind, display_name, name_lower, stage, owner_id,"
                    + " department_id, created_at, updated_at, version) SELECT " + idSql(0, "p") + ", 'PERSON',"
                    + " 'Customer ' || x, 'customer ' || x, 'LEAD', " + owner + ", " + department + ", " + timeSql("x")
                    + ", " + timeSql("x") + ", 1 FROM " + series(n));
            s.executeUpdate("INSERT INTO " + t("customer_emails") + " (customer_id, seq, email, email_lower) SELECT "
                    + idSql(0, "p") + ", 0, 'c' || x || '@example.com', 'c' || x || '@example.com' FROM " + series(n));
            s.executeUpdate("INSERT INTO " + t("customer_phones") + " (customer_id, seq, phone) SELECT "
                    + idSql(0, "p") + ", 0, '+8613' || LPAD(CAST(x AS VARCHAR(20)), 9, '0') FROM " + series(n));
            s.executeUpdate("INSERT INTO " + t("customer_tags") + " (customer_id, seq, tag) SELECT "
                    + idSql(0, "p") + ", 0, 'bench' FROM " + series(n));
            s.executeUpdate("INSERT INTO " + t("customer_tags") + " (customer_id, seq, tag) SELECT "
                    + idSql(0, "p") + ", 1, 't' || MOD(x, 10) FROM " + series(n));
            analyze(s, "customers", "customer_emails", "customer_phones", "customer_tags");
        }
    }

    /**
     * Shares of every {@code every}-th customer of 1..n: with department "d{i % 47}" for even i, with user
     * "u{i % 499}" for odd i (so a share rarely goes to the customer's own department or owner).
     */
    void generateShares(long n, int every) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t("shares") + " (kind, record_id, grantee_type, grantee_id, access, cause,"
                    + " shared_by, shared_at) SELECT 'CUSTOMER', " + idSql(0, "p") + ", CASE WHEN MOD(x, 2) = 0 THEN 'D'"
                    + " ELSE 'U' END, CASE WHEN MOD(x, 2) = 0 THEN 'd' || MOD(x, 47) ELSE 'u' || MOD(x, 499) END, 'READ',"
                    + " 'MANUAL', 'u1', " + timeSql("x") + " FROM " + series(n) + " WHERE MOD(x, " + every + ") = 0");
            analyze(s, "shares");
        }
    }

    /** Interactions 1..n, spread round-robin over {@code customers} customers, one second apart. */
    void generateInteractions(long n, long customers) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t("interactions") + " (id, customer_id, channel, direction, subject,"
                    + " occurred_at, author, recorded_at) SELECT " + idSql(1, "p") + ", "
                    + idSql(0, "LPAD(CAST(MOD(x, " + customers + ") + 1 AS VARCHAR(20)), 12, '0')")
                    + ", 'CALL', 'INBOUND', 'Call ' || x, " + timeSql("x") + ", 'bench', " + timeSql("x") + " FROM " + series(n));
            analyze(s, "interactions");
        }
    }

    /**
     * Service cases 1..n (id kind 2) of {@code customers} customers round-robin, created one second apart; every
     * {@code runningEvery}-th one open with a stored SLA due instant spread over the 30 days after 2024-01-01 (a
     * multiplicative hash of its number), the others closed with none, as most cases of a database are.
     */
    void generateServiceCases(long n, long customers, int runningEvery) throws SQLException {
        String running = "MOD(x, " + runningEvery + ") = 0";
        String due = timeSql("MOD(CAST(x AS BIGINT) * 7919, 2592000)");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + t("service_cases") + " (id, customer_id, subject, origin, case_type, priority,"
                    + " status, created_by, created_at, updated_at, version, sla_policy, sla_due_at, sla_check_at,"
                    + " sla_warned, sla_breached) SELECT " + idSql(2, "p") + ", "
                    + idSql(0, "LPAD(CAST(MOD(x, " + customers + ") + 1 AS VARCHAR(20)), 12, '0')")
                    + ", 'Case ' || x, 'PHONE', 'repair', 'NORMAL', CASE WHEN " + running + " THEN 'ASSIGNED' ELSE 'CLOSED'"
                    + " END, 'bench', " + timeSql("x") + ", " + timeSql("x") + ", 1, 'standard', CASE WHEN " + running
                    + " THEN " + due + " END, CASE WHEN " + running + " THEN " + due + " END, 0, 0 FROM " + series(n));
            analyze(s, "service_cases");
        }
    }

    /**
     * Statistics for the planner. On PostgreSQL also {@code VACUUM}, so the visibility map and hint bits of the
     * fresh rows are set before a benchmark reads them: otherwise autovacuum does it during the first
     * benchmark's iterations, and the side measured first pays for it.
     */
    private void analyze(Statement s, String... tables) throws SQLException {
        if (kind.equals("h2")) {
            s.execute("ANALYZE");
        } else {
            s.execute("VACUUM (ANALYZE) " + String.join(", ", java.util.Arrays.stream(tables).map(this::t).toList()));
        }
    }

    /** Lets the database's caches fill: {@code read} of random numbers 1..n for up to 10,000 reads or 15 s. */
    static void warm(long n, Reader read) throws SQLException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(99);
        long until = System.nanoTime() + 15_000_000_000L;
        for (int i = 0; i < 10_000 && System.nanoTime() < until; i++) {
            read.read(1 + random.nextLong(n));
        }
    }

    /** One read of a benchmark's baseline. */
    interface Reader {
        void read(long n) throws SQLException;
    }

    /** Deletes every row of crmkit's customer tables (children first). */
    void deleteCustomers() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            if (kind.equals("postgresql")) {
                s.execute("TRUNCATE " + t("customers") + " CASCADE");
            } else {
                for (String table : List.of("customer_emails", "customer_phones", "customer_addresses", "customer_tags",
                        "customer_attributes", "customer_external_refs", "customer_consents", "customers")) {
                    s.executeUpdate("DELETE FROM " + t(table));
                }
            }
        }
    }

    /** Drops the tables and, for H2, the database directory. */
    @Override
    public void close() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                        tables.add(name);
                    }
                }
            }
            for (String table : tables) {
                s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
            }
            if (kind.equals("h2")) {
                s.execute("SHUTDOWN");
            }
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
