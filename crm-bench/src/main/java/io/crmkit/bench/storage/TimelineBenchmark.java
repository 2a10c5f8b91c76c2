package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
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

/**
 * A random customer's newest 50 interactions among {@code size}, every customer having 100 (so the
 * table grows by customers, and the page is the same work at every size): crmkit's
 * {@code interactions().timeline(id, all, first(50))} beside plain JDBC reading the same rows (the page and
 * its links) on one connection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TimelineBenchmark {
    static final int PER_CUSTOMER = 100;

    @Param({"h2", "postgresql"})
    public String db;

    @Param({"50000", "5000000"})
    public int size;

    private BenchDatabase database;
    private Crm crm;
    private Connection connection;
    private int customers;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void load() throws SQLException {
        customers = size / PER_CUSTOMER;
        BenchDatabase.Shared shared = BenchDatabase.shared(db, size + " interactions",
                d -> d.generateInteractions(size, customers));
        database = shared.database();
        crm = shared.crm();
        connection = shared.connection();
    }

    private UUID nextCustomer() {
        return BenchDatabase.id(0, 1 + random.nextInt(customers));
    }

    @Benchmark
    public Page<Interaction> crmkitTimeline() {
        Page<Interaction> page = crm.interactions().timeline(new CustomerId(nextCustomer()), TimelineQuery.all(),
                PageRequest.first(50));
        if (page.size() != 50) {
            throw new IllegalStateException("page of " + page.size());
        }
        return page;
    }

    @Benchmark
    public List<Object> baselineTimeline() throws SQLException {
        String p = database.prefix;
        List<Object> out = new ArrayList<>(50 * 14);
        List<UUID> ids = new ArrayList<>(50);
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, customer_id, channel, direction, subject, notes,"
                + " occurred_at, duration_nanos, author, outcome, recorded_at, delivery_status, provider_message_id FROM "
                + p + "interactions WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 51")) {
            ps.setObject(1, nextCustomer());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    ids.add(id);
                    out.add(id);
                    out.add(rs.getObject(2, UUID.class));
                    for (int i = 3; i <= 6; i++) {
                        out.add(rs.getString(i));
                    }
                    out.add(rs.getObject(7, OffsetDateTime.class));
                    out.add(rs.getLong(8));
                    out.add(rs.getString(9));
                    out.add(rs.getString(10));
                    out.add(rs.getObject(11, OffsetDateTime.class));
                    out.add(rs.getString(12));
                    out.add(rs.getString(13));
                }
            }
        }
        if (ids.size() > 50) {
            ids = ids.subList(0, 50);
        }
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            marks.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT interaction_id, link_type, linked_id FROM " + p
                + "interaction_links WHERE interaction_id IN (" + marks + ") ORDER BY interaction_id, seq")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setObject(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(2));
                }
            }
        }
        if (ids.size() != 50) {
            throw new IllegalStateException("page of " + ids.size());
        }
        return out;
    }
}
