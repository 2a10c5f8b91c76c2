package io.crmkit.bench.storage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Sweeps of a policy's due customers over {@code args[0]} customers (default 1,000,000) on {@code args[1]}
 * ({@code postgresql}, the default, or {@code h2}), crmkit and the hand-written baseline in turn, {@code args[2]} times
 * each (default 3), measuring what JMH does not: the time to load the data and the heap a sweep needs (the peak of
 * the heap pools during it, less the heap held before it, after a GC). Run it with a small heap ({@code -Xmx256m}) to
 * see that a sweep streams.
 */
public final class PolicyDueRun {
    private PolicyDueRun() {
    }

    public static void main(String[] args) throws SQLException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String kind = args.length > 1 ? args[1] : "postgresql";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        long t0 = System.nanoTime();
        PolicyDueData data = PolicyDueData.load(kind, size);
        System.out.printf(Locale.ROOT, "loaded %d customers on %s in %d s (heap max %d MB)%n", size, kind,
                (System.nanoTime() - t0) / 1_000_000_000L, Runtime.getRuntime().maxMemory() >> 20);
        for (int run = 0; run <= runs; run++) { // run 0 warms up
            measure(run, "crmkit  ", data::sweepCrm);
            measure(run, "baseline", data::sweepBaseline);
        }
        System.exit(0); // the shared database's shutdown hook drops the tables
    }

    private interface Sweep {
        long run() throws SQLException;
    }

    private static void measure(int run, String side, Sweep sweep) throws SQLException {
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        long due = sweep.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(Locale.ROOT, "run %d %s: %d due in %d ms (%d pages), heap before %d MB, peak %d MB (at most %d MB"
                        + " for the sweep)%n", run, side, due, ms, (due + PolicyDueData.PAGE - 1) / PolicyDueData.PAGE,
                before >> 20, peak >> 20, (peak - before) >> 20);
    }
}
