package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;
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
 * Reading one random customer (with an email, a phone and two tags) among {@code size}: by id, by email and
 * by phone, through crmkit's {@code customers().get} / {@code search}, beside the best plain JDBC for the same
 * rows on one autocommit connection ({@link PlainJdbc}: the customer row, then the seven child tables with the
 * statements crm-jdbc runs on that database, one union on PostgreSQL, prepared once). The setup checks that both
 * read the same values. The tables are generated once per JVM (see {@link BenchDatabase#shared}) and dropped
 * when it exits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CustomerLookupBenchmark {
    @Param({"h2", "postgresql"})
    public String db;

    @Param({"10000", "1000000"})
    public int size;

    private BenchDatabase database;
    private Crm crm;
    private PlainJdbc plain;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void load() throws SQLException {
        BenchDatabase.Shared shared = BenchDatabase.shared(db, size + " customers", d -> d.generateCustomers(size));
        database = shared.database();
        crm = shared.crm();
        plain = new PlainJdbc(shared.connection(), db, database.prefix);
        SplittableRandom ids = new SplittableRandom(7);
        for (int i = 0; i < 5; i++) {
            java.util.UUID id = BenchDatabase.id(0, 1 + ids.nextInt(size));
            SameRows.check("customer " + id, SameRows.customer(crm.customers().get(new CustomerId(id)).orElseThrow()),
                    plain.customer(id), true);
        }
        BenchDatabase.warm(size, n -> plain.customer(BenchDatabase.id(0, n)));
    }

    @TearDown(Level.Trial)
    public void closeStatements() throws SQLException {
        plain.close();
    }

    private long next() {
        return 1 + random.nextInt(size);
    }

    @Benchmark
    public Customer crmkitGetById() {
        return crm.customers().get(new CustomerId(BenchDatabase.id(0, next()))).orElseThrow();
    }

    @Benchmark
    public List<Object> baselineGetById() throws SQLException {
        List<Object> row = plain.customer(BenchDatabase.id(0, next()));
        if (row.isEmpty()) {
            throw new IllegalStateException("not found");
        }
        return row;
    }

    @Benchmark
    public List<Customer> crmkitFindByEmail() {
        return one(crm.customers().search(CustomerQuery.all().email("c" + next() + "@example.com"), PageRequest.first(10)).items());
    }

    @Benchmark
    public List<Object> baselineFindByEmail() throws SQLException {
        return plain.customersBy("customer_emails", "email_lower", "c" + next() + "@example.com");
    }

    @Benchmark
    public List<Customer> crmkitFindByPhone() {
        return one(crm.customers().search(CustomerQuery.all().phone(CustomerImportBenchmark.phone((int) next())),
                PageRequest.first(10)).items());
    }

    @Benchmark
    public List<Object> baselineFindByPhone() throws SQLException {
        return plain.customersBy("customer_phones", "phone",
                CustomerImportBenchmark.phone((int) next()));
    }

    private static List<Customer> one(List<Customer> found) {
        if (found.size() != 1) {
            throw new IllegalStateException("expected one customer, found " + found.size());
        }
        return found;
    }
}
