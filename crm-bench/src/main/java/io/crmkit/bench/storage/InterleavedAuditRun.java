package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The update of {@link CustomerUpdateAuditBenchmark} with the audit trail on and off in alternating rounds (each
 * round {@code per} updates of each side), so that a machine whose load drifts during the run weighs on both sides
 * alike: JMH runs one side after the other, and on a shared machine their errors were as large as the difference.
 * Prints the mean time per update of each side, the ratio of the sums and the median and quartiles of the per-round
 * ratios. {@code control} as the fourth argument turns the trail off on both sides, to show the harness's own bias.
 *
 * <pre>
 * java -cp crm-bench/target/classes:$(cat crm-bench/target/classpath.txt) io.crmkit.bench.storage.InterleavedAuditRun h2 40 300
 * </pre>
 */
public final class InterleavedAuditRun {
    private static long n;

    private InterleavedAuditRun() {
    }

    private static Customer[] customers(Crm crm, int count) {
        Customer[] out = new Customer[count];
        for (int i = 0; i < count; i++) {
            out[i] = crm.customers().create(NewCustomer.person("客户 " + i).email("c" + i + "@example.com")
                    .phone("+86138" + String.format("%08d", i)).tag("bench", "t" + i % 10));
        }
        return out;
    }

    private static void updates(Crm crm, Customer[] customers, SplittableRandom random, int count) {
        for (int k = 0; k < count; k++) {
            int i = random.nextInt(customers.length);
            n++;
            customers[i] = crm.customers().update(customers[i].edit().displayName("客户 " + i + " v" + n)
                    .untag("t" + (n - 1) % 10).tag("t" + n % 10));
        }
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int per = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        boolean control = args.length > 3 && args[3].equals("control");
        try (BenchDatabase database = new BenchDatabase(db);
             Crm audited = Crm.builder().storage(database.storage()).audit(control ? AuditSettings.OFF : AuditSettings.DEFAULT).build();
             Crm plain = Crm.builder().storage(database.storage()).audit(AuditSettings.OFF).build()) {
            Customer[] a = customers(audited, 1000);
            Customer[] p = customers(plain, 1000);
            SplittableRandom random = new SplittableRandom(42);
            for (int w = 0; w < 4; w++) {
                updates(audited, a, random, per);
                updates(plain, p, random, per);
            }
            List<Double> ratios = new ArrayList<>();
            long onNanos = 0;
            long offNanos = 0;
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                updates(audited, a, random, per);
                long t1 = System.nanoTime();
                updates(plain, p, random, per);
                long t2 = System.nanoTime();
                ratios.add((double) (t1 - t0) / (t2 - t1));
                onNanos += t1 - t0;
                offNanos += t2 - t1;
            }
            Collections.sort(ratios);
            System.out.printf("%s: with the trail %.1f us, without %.1f us per update; ratio of sums %.3f, per-round median"
                            + " %.3f (quartiles %.3f to %.3f)%n", db, onNanos / 1e3 / rounds / per, offNanos / 1e3 / rounds / per,
                    (double) onNanos / offNanos, ratios.get(rounds / 2), ratios.get(rounds / 4), ratios.get(3 * rounds / 4));
        }
    }
}
