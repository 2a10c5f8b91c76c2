package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.service.ServiceCase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
 * The "breaching soon" list: the first 50 cases whose stored SLA due instant is before a random cutoff of 1 to 720
 * hours ahead, earliest first, through {@code crm.cases().dueBefore(cutoff, first(50))} as the system actor, beside
 * the plain JDBC that reads the same rows on one autocommit connection with statements prepared once (the page on
 * the {@code (sla_due_at, id)} index, then the history and links of the 50 cases in one {@code IN} statement each,
 * as crm-jdbc reads them). {@code size} cases, every tenth open with a due instant spread over 30 days, the rest
 * closed without one. The setup checks that both sides list the same cases.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServiceSlaBenchmark {
    static final int PAGE = 50;
    static final int RUNNING_EVERY = 10;
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @Param({"postgresql"})
    public String db;

    @Param({"10000", "1000000"})
    public int size;

    private Crm crm;
    private Connection connection;
    private PreparedStatement page;
    private PreparedStatement history;
    private PreparedStatement links;
    private final SplittableRandom random = new SplittableRandom(42);
    /** What the plain side read, kept so that the JIT cannot drop the reads. */
    public long consumed;

    @Setup(Level.Trial)
    public void load() throws SQLException {
        BenchDatabase.Shared shared = BenchDatabase.shared(db, size + " service cases",
                d -> d.generateServiceCases(size, Math.max(1, size / 10), RUNNING_EVERY));
        BenchDatabase d = shared.database();
        crm = shared.crm();
        connection = shared.connection();
        page = connection.prepareStatement("SELECT id, customer_id, subject, description, origin, case_type, priority, status,"
                + " assignee_user_id, assignee_department_id, parent_id, created_by, created_at, updated_at, version,"
                + " first_response_at, awaited_since, next_response_at, sla_policy, sla_due_at, sla_warn_at, sla_check_at,"
                + " sla_breached_at, sla_warned, sla_breached FROM " + d.t("service_cases")
                + " WHERE sla_due_at IS NOT NULL AND sla_due_at < ? ORDER BY sla_due_at, id LIMIT " + (PAGE + 1));
        String in = String.join(", ", java.util.Collections.nCopies(PAGE, "?"));
        history = connection.prepareStatement("SELECT case_id, seq, from_status, to_status, actor_id, changed_at, note FROM "
                + d.t("service_case_history") + " WHERE case_id IN (" + in + ") ORDER BY case_id, seq");
        links = connection.prepareStatement("SELECT case_id, link_kind, linked_id FROM " + d.t("service_case_links")
                + " WHERE case_id IN (" + in + ") ORDER BY case_id, link_kind, seq");
        for (int hours : new int[] {1, 24, 300, 720}) {
            Instant cutoff = START.plus(Duration.ofHours(hours));
            List<UUID> crmIds = crm.cases().dueBefore(cutoff, PageRequest.first(PAGE)).items().stream()
                    .map(c -> c.id().value()).toList();
            List<UUID> plainIds = plain(cutoff);
            if (crmIds.isEmpty() || !crmIds.equals(plainIds)) {
                throw new IllegalStateException("dueBefore(" + cutoff + ") listed " + crmIds.size()
                        + " cases, the plain JDBC " + plainIds.size() + ", or other ones");
            }
        }
        for (int i = 0; i < 2_000; i++) {
            dueSoonCrm();
            dueSoonPlainJdbc();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        page.close();
        history.close();
        links.close();
    }

    private Instant cutoff() {
        return START.plus(Duration.ofHours(1 + random.nextInt(720)));
    }

    /** The page's ids, after reading every column of it and its cases' history and links. */
    private List<UUID> plain(Instant cutoff) throws SQLException {
        page.setTimestamp(1, Timestamp.from(cutoff));
        List<UUID> ids = new ArrayList<>(PAGE + 1);
        long sink = 0;
        try (ResultSet rs = page.executeQuery()) {
            while (rs.next() && ids.size() < PAGE) {
                ids.add(rs.getObject(1, UUID.class));
                for (int col = 2; col <= 25; col++) {
                    Object v = rs.getObject(col);
                    sink += v == null ? 0 : v.hashCode();
                }
            }
        }
        for (PreparedStatement children : List.of(history, links)) {
            for (int i = 0; i < PAGE; i++) {
                children.setObject(i + 1, i < ids.size() ? ids.get(i) : ids.isEmpty() ? new UUID(0, 0) : ids.get(0));
            }
            try (ResultSet rs = children.executeQuery()) {
                while (rs.next()) {
                    sink += rs.getObject(1).hashCode();
                }
            }
        }
        consumed += sink;
        return ids;
    }

    @Benchmark
    public List<ServiceCase> dueSoonCrm() {
        return crm.cases().dueBefore(cutoff(), PageRequest.first(PAGE)).items();
    }

    @Benchmark
    public List<UUID> dueSoonPlainJdbc() throws SQLException {
        return plain(cutoff());
    }
}
