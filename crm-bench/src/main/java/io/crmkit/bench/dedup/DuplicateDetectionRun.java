package io.crmkit.bench.dedup;

import io.crmkit.core.Crm;
import io.crmkit.core.dedup.DuplicateQuery;
import io.crmkit.core.dedup.MatchReason;
import io.crmkit.core.memory.InMemoryStorage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * One detection over {@code args[0]} generated customers (default 1,000,000), names read by the matcher {@code args[1]}
 * ({@code icu}, the default, or {@code standard}), measuring what JMH does not: the heap
 * it needs (the peak of the heap pools during the run, less the heap held before it, after a GC), its recall of the
 * seeded duplicates and its precision (the share of candidates that are seeded pairs), by reason.
 */
public final class DuplicateDetectionRun {
    private DuplicateDetectionRun() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String matcher = args.length > 1 ? args[1] : "icu";
        long t0 = System.nanoTime();
        DuplicateData data = DuplicateData.generate(size, 42);
        InMemoryStorage storage = InMemoryStorage.create();
        storage.inTransaction(repos -> {
            repos.customers().insertAll(data.customers);
            return data.customers.size();
        });
        System.out.printf(Locale.ROOT, "%s matcher: generated and stored %d customers (%d seeded pairs) in %d ms%n",
                matcher, data.customers.size(), data.seeded.size(), (System.nanoTime() - t0) / 1_000_000);
        try (Crm crm = Crm.builder().storage(storage).duplicates(DuplicateData.settings(matcher)).build()) {
            for (int run = 1; run <= 2; run++) { // the first run also loads ICU's transliterators (with the icu matcher)
                System.gc();
                long before = heapUsed();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long[] counts = new long[2];
                Map<MatchReason, Long> byReason = new EnumMap<>(MatchReason.class);
                long start = System.nanoTime();
                crm.duplicates().scan(DuplicateQuery.all(), c -> {
                    counts[0]++;
                    if (data.isSeeded(c)) {
                        counts[1]++;
                        c.reasons().forEach(r -> byReason.merge(r, 1L, Long::sum));
                    }
                });
                long ms = (System.nanoTime() - start) / 1_000_000;
                long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                System.out.printf(Locale.ROOT, "run %d: %d ms, %d candidates, %d of %d seeded pairs found (recall %.4f,"
                                + " precision %.4f), heap before %d MB, peak during %d MB (at most %d MB for the detection);"
                                + " reasons of the found: %s%n", run, ms, counts[0], counts[1], data.seeded.size(),
                        (double) counts[1] / data.seeded.size(), counts[0] == 0 ? 0 : (double) counts[1] / counts[0],
                        before >> 20, peak >> 20, (peak - before) >> 20, byReason);
            }
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
