package io.crmkit.bench.dedup;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.dedup.DuplicateQuery;
import io.crmkit.core.memory.InMemoryStorage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Duplicate detection over {@code size} generated customers ({@link DuplicateData}: one in ten with a seeded
 * duplicate) in an {@link InMemoryStorage}: {@code crm.duplicates().scan(DuplicateQuery.all(), ...)}, which reads
 * every customer through the service, builds its blocking keys (email, phone, external reference, pinyin or Latin
 * name, misspelt name) and scores the pairs; beside a hand-written baseline doing the blocking a plain program would
 * do over the same customers: a hash map from lower-cased email and from phone to the customers holding it, every
 * pair within a key. Names are read by the {@link #matcher} chosen. Each operation returns how many seeded pairs it found, and the trial prints its recall; memory
 * is measured with {@code -prof gc} (allocated bytes per operation) and by {@link DuplicateDetectionRun} (heap).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DuplicateDetectionBenchmark {
    @Param({"100000"})
    public int size;

    /** The name matcher: {@code icu} (crm-dedup-icu's, as docs/benchmarks.md measured) or {@code standard} (crm-core's). */
    @Param({"icu"})
    public String matcher = "icu";

    private DuplicateData data;
    private Crm crm;
    private long lastFound;

    @Setup(Level.Trial)
    public void load() {
        data = DuplicateData.generate(size, 42);
        InMemoryStorage storage = InMemoryStorage.create();
        storage.inTransaction(repos -> {
            repos.customers().insertAll(data.customers);
            return data.customers.size();
        });
        crm = Crm.builder().storage(storage).duplicates(DuplicateData.settings(matcher)).build();
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf(Locale.ROOT, "%n%s matcher, %d customers, %d seeded pairs, last operation found %d of them (recall %.4f)%n",
                matcher, data.customers.size(), data.seeded.size(), lastFound, (double) lastFound / data.seeded.size());
        crm.close();
    }

    @Benchmark
    public long crmkitScan() {
        long[] found = new long[1];
        crm.duplicates().scan(DuplicateQuery.all(), c -> {
            if (data.isSeeded(c)) {
                found[0]++;
            }
        });
        lastFound = found[0];
        return found[0];
    }

    @Benchmark
    public long baselineEmailPhoneBlocking() {
        List<Customer> customers = data.customers;
        Map<String, int[]> blocks = new HashMap<>(customers.size() * 4);
        for (int i = 0; i < customers.size(); i++) {
            Customer c = customers.get(i);
            for (EmailAddress e : c.emails()) {
                add(blocks, "e" + e.value().toLowerCase(Locale.ROOT), i);
            }
            for (PhoneNumber p : c.phones()) {
                add(blocks, "p" + p.value(), i);
            }
        }
        long found = 0;
        java.util.Set<Long> pairs = new java.util.HashSet<>();
        for (int[] block : blocks.values()) {
            int n = block[0];
            for (int x = 1; x <= n; x++) {
                for (int y = x + 1; y <= n; y++) {
                    long key = DuplicateData.key(customers.get(block[x]).id(), customers.get(block[y]).id());
                    if (pairs.add(key) && data.seeded.contains(key)) {
                        found++;
                    }
                }
            }
        }
        lastFound = found;
        return found;
    }

    /** Appends {@code index} to the block; element 0 holds the count. */
    private static void add(Map<String, int[]> blocks, String key, int index) {
        int[] block = blocks.get(key);
        if (block == null) {
            blocks.put(key, new int[] {1, index});
        } else {
            if (block[0] + 1 == block.length) {
                block = Arrays.copyOf(block, block.length * 2);
                blocks.put(key, block);
            }
            block[++block[0]] = index;
        }
    }

    /** For a quick look without JMH: one pass of each. */
    public static void main(String[] args) {
        DuplicateDetectionBenchmark b = new DuplicateDetectionBenchmark();
        b.size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        b.matcher = args.length > 1 ? args[1] : "icu";
        b.load();
        List<String> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        lines.add("crmkit found " + b.crmkitScan() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        t0 = System.nanoTime();
        lines.add("baseline found " + b.baselineEmailPhoneBlocking() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        lines.forEach(System.out::println);
        b.report();
    }
}
