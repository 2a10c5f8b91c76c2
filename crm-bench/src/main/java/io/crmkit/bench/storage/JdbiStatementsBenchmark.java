package io.crmkit.bench.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerKind;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.jdbc.internal.customer.JdbcCustomers;
import io.crmkit.jdbc.internal.interaction.JdbcInteractions;
import io.crmkit.jdbc.internal.sql.Dialect;
import io.crmkit.jdbc.internal.sql.Errors;
import io.crmkit.jdbc.internal.sql.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * Whether crm-jdbc should run its statements through Jdbi 3: the same work done by crm-jdbc's statement path
 * (plain JDBC prepared statements on the unit of work's connection: {@code Sql}, {@code Row}, the repositories
 * themselves) and by {@link JdbiStatements} (Jdbi used as designed), each in one transaction on a connection of
 * the same HikariCP pool:
 *
 * <ul>
 *   <li>{@code getById}: a random customer (email, phone, two tags) of 10,000 by id, the customer row and its
 *       seven child tables (eight statements on H2, two on PostgreSQL, as crm-jdbc runs them);</li>
 *   <li>{@code timeline}: the newest 50 of a random customer's 100 interactions (50,000 in all) and their
 *       links, two statements;</li>
 *   <li>{@code batchInsert}: 100 customers with an email, a phone and two tags in four JDBC batches inside a
 *       savepoint, rolled back so the tables do not grow.</li>
 * </ul>
 *
 * <p>The setup checks that both paths return equal customers and pages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JdbiStatementsBenchmark {
    private static final int CUSTOMERS = 10_000;
    private static final int INTERACTIONS = 50_000;
    private static final int WITH_INTERACTIONS = INTERACTIONS / TimelineBenchmark.PER_CUSTOMER;

    @Param({"h2", "postgresql"})
    public String db;

    private HikariDataSource pool;
    private Dialect dialect;
    private String prefix;
    private final Errors errors = new Errors(List.of());
    private JdbiStatements jdbi;
    private List<Customer> batch;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void load() throws SQLException {
        BenchDatabase database = BenchDatabase.shared(db, CUSTOMERS + " customers, " + INTERACTIONS + " interactions", d -> {
            d.generateCustomers(CUSTOMERS);
            d.generateInteractions(INTERACTIONS, WITH_INTERACTIONS);
        }).database();
        prefix = database.prefix;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url);
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection()) {
            dialect = Dialect.detect(c);
        }
        jdbi = new JdbiStatements(pool, prefix, dialect == Dialect.H2);
        batch = new ArrayList<>();
        CustomerImportBenchmark.Uuid7 ids = new CustomerImportBenchmark.Uuid7();
        Instant now = Instant.parse("2025-03-10T08:00:00Z");
        for (int i = 0; i < 100; i++) {
            batch.add(Customer.builder().id(new CustomerId(ids.next())).kind(CustomerKind.PERSON).displayName("Batch " + i)
                    .stage(LifecycleStage.LEAD).emails(List.of(EmailAddress.of("batch" + i + "@example.com")))
                    .phones(List.of(new PhoneNumber(CustomerImportBenchmark.phone(CUSTOMERS + 1 + i))))
                    .tags(new LinkedHashSet<>(List.of("bench", "t" + i % 10))).createdAt(now).updatedAt(now).version(1)
                    .build());
        }
        check();
    }

    /** Both paths read the same customers and pages. */
    private void check() {
        for (int n : new int[] {1, 4242, CUSTOMERS}) {
            UUID id = BenchDatabase.id(0, n);
            Optional<Customer> plain = plain(sql -> new JdbcCustomers(sql).findById(new CustomerId(id)));
            if (plain.isEmpty() || !plain.equals(jdbi.read(h -> jdbi.customer(h, id)))) {
                throw new IllegalStateException("the two paths read customer " + n + " differently");
            }
            UUID owner = BenchDatabase.id(0, 1 + n % WITH_INTERACTIONS);
            Page<Interaction> page = plain(sql -> timeline(sql, owner));
            if (page.size() != 50 || !page.equals(jdbi.read(h -> jdbi.timeline(h, owner, 50)))) {
                throw new IllegalStateException("the two paths read the timeline of customer " + n + " differently");
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        pool.close();
    }

    /** crm-jdbc's unit of work without Jdbi: a pooled connection, one transaction, committed. */
    private <T> T plain(Function<Sql, T> work) {
        return plain(work, true);
    }

    private <T> T plain(Function<Sql, T> work, boolean commit) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(new Sql(c, dialect, prefix, errors));
                if (commit) {
                    c.commit();
                }
                return result;
            } finally {
                if (!commit) {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            throw errors.map("run the unit of work", e);
        }
    }

    private static Page<Interaction> timeline(Sql sql, UUID customer) {
        return new JdbcInteractions(sql).timeline(new CustomerId(customer), TimelineQuery.all(), PageRequest.first(50));
    }

    private UUID nextCustomer() {
        return BenchDatabase.id(0, 1 + random.nextInt(CUSTOMERS));
    }

    private UUID nextWithInteractions() {
        return BenchDatabase.id(0, 1 + random.nextInt(WITH_INTERACTIONS));
    }

    @Benchmark
    public Customer plainGetById() {
        UUID id = nextCustomer();
        return plain(sql -> new JdbcCustomers(sql).findById(new CustomerId(id))).orElseThrow();
    }

    @Benchmark
    public Customer jdbiGetById() {
        UUID id = nextCustomer();
        return jdbi.read(h -> jdbi.customer(h, id)).orElseThrow();
    }

    @Benchmark
    public Page<Interaction> plainTimeline() {
        UUID id = nextWithInteractions();
        return plain(sql -> timeline(sql, id));
    }

    @Benchmark
    public Page<Interaction> jdbiTimeline() {
        UUID id = nextWithInteractions();
        return jdbi.read(h -> jdbi.timeline(h, id, 50));
    }

    @Benchmark
    public int plainBatchInsert() {
        return plain(sql -> {
            new JdbcCustomers(sql).insertAll(batch);
            return batch.size();
        }, false);
    }

    @Benchmark
    public int jdbiBatchInsert() {
        jdbi.writeAndRollBack(h -> jdbi.insertAll(h, batch));
        return batch.size();
    }
}
