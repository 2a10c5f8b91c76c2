package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
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
 * The cost of the audit trail on the most common write: {@code customers().update(...)} of a random customer (an
 * email, a phone, two tags) among 2,000, changing its display name and one tag, with the trail on
 * ({@code withAudit}: the update, then the stream head locked, one entry inserted and the head moved, in the same
 * transaction) and off ({@link AuditSettings#OFF}, {@code withoutAudit}), two CRMs on the same tables, each updating
 * its own half of the customers. The ratio of the two is the trail's price.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CustomerUpdateAuditBenchmark {
    private static final int CUSTOMERS = 1000;

    @Param({"h2", "postgresql"})
    public String db;

    private BenchDatabase database;
    private Crm audited;
    private Crm plain;
    private Customer[] auditedCustomers;
    private Customer[] plainCustomers;
    private final SplittableRandom random = new SplittableRandom(42);
    private long n;

    @Setup(Level.Trial)
    public void load() {
        database = new BenchDatabase(db);
        audited = Crm.builder().storage(database.storage()).build();
        plain = Crm.builder().storage(database.storage()).audit(AuditSettings.OFF).build();
        auditedCustomers = customers(audited);
        plainCustomers = customers(plain);
        for (int i = 0; i < 2_000; i++) { // both sides warm the same statements and pages
            withAudit();
            withoutAudit();
        }
    }

    private static Customer[] customers(Crm crm) {
        Customer[] out = new Customer[CUSTOMERS];
        for (int i = 0; i < CUSTOMERS; i++) {
            out[i] = crm.customers().create(NewCustomer.person("客户 " + i).email("c" + i + "@example.com")
                    .phone("+86138" + String.format("%08d", i)).tag("bench", "t" + i % 10));
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        audited.close();
        plain.close();
        database.close();
    }

    private static Customer update(Crm crm, Customer[] customers, int i, long n) {
        Customer c = customers[i];
        Customer updated = crm.customers().update(c.edit().displayName("客户 " + i + " v" + n).untag("t" + (n - 1) % 10)
                .tag("t" + n % 10));
        customers[i] = updated;
        return updated;
    }

    @Benchmark
    public Customer withAudit() {
        return update(audited, auditedCustomers, random.nextInt(CUSTOMERS), ++n);
    }

    @Benchmark
    public Customer withoutAudit() {
        return update(plain, plainCustomers, random.nextInt(CUSTOMERS), ++n);
    }
}
