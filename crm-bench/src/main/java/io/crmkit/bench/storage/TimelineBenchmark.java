package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import java.sql.SQLException;
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
 * A random customer's newest 50 interactions among {@code size}, every customer having 100 (so the
 * table grows by customers, and the page is the same work at every size): crmkit's
 * {@code interactions().timeline(id, all, first(50))} beside the best plain JDBC for the same rows on one
 * autocommit connection ({@link PlainJdbc#timeline}: crm-jdbc's page statement, then the links of the 50 shown
 * in one {@code IN} statement, both prepared once). The setup checks that both read the same values.
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
    private PlainJdbc plain;
    private int customers;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void load() throws SQLException {
        customers = size / PER_CUSTOMER;
        BenchDatabase.Shared shared = BenchDatabase.shared(db, size + " interactions",
                d -> d.generateInteractions(size, customers));
        database = shared.database();
        crm = shared.crm();
        plain = new PlainJdbc(shared.connection(), db, database.prefix);
        SplittableRandom ids = new SplittableRandom(7);
        for (int i = 0; i < 5; i++) {
            UUID id = BenchDatabase.id(0, 1 + ids.nextInt(customers));
            SameRows.check("timeline of " + id, SameRows.timeline(crm.interactions().timeline(new CustomerId(id),
                    TimelineQuery.all(), PageRequest.first(50)).items()), plain.timeline(id), false);
        }
        BenchDatabase.warm(customers, n -> plain.timeline(BenchDatabase.id(0, n)));
    }

    @TearDown(Level.Trial)
    public void closeStatements() throws SQLException {
        plain.close();
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
        List<Object> page = plain.timeline(nextCustomer());
        if (page.size() < 50 * 13) {
            throw new IllegalStateException("page of " + page.size() / 13);
        }
        return page;
    }
}
