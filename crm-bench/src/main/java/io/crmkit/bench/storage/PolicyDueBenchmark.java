package io.crmkit.bench.storage;

import java.sql.SQLException;
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
 * One sweep of every page of a communication policy's due customers ({@link PolicyDueData}): crmkit's
 * {@code crm.policies().due(policy, date, page)} page by page beside the same statement written by hand on one
 * connection. Single shot: one sweep is one operation. The setup checks that both sides count the same customers.
 * {@link PolicyDueRun} measures the heap of a sweep.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PolicyDueBenchmark {
    @Param({"postgresql"})
    public String db;

    @Param({"1000000"})
    public int size;

    private PolicyDueData data;

    @Setup(Level.Trial)
    public void load() throws SQLException {
        data = PolicyDueData.load(db, size);
        long crm = data.sweepCrm();
        long plain = data.sweepBaseline();
        if (crm == 0 || crm != plain) {
            throw new IllegalStateException("crmkit found " + crm + " due customers, the baseline " + plain);
        }
        System.out.printf("%n[setup] %d of %d customers due%n", crm, size);
    }

    @Benchmark
    public long dueCrm() {
        return data.sweepCrm();
    }

    @Benchmark
    public long dueBaselineJdbc() throws SQLException {
        return data.sweepBaseline();
    }
}
