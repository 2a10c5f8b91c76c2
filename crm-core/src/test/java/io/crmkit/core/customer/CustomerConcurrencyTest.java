package io.crmkit.core.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.TestCrm;
import io.crmkit.core.security.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Concurrent writers never lose an update: one wins, the other is told, retries converge. */
class CustomerConcurrencyTest {
    private final Crm crm = TestCrm.create();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        crm.close();
    }

    @RepeatedTest(20)
    void twoWritersFromTheSameVersionOneWinsTheOtherConflicts() throws Exception {
        Customer base = crm.customers().create(NewCustomer.person("张三"));
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);

        Callable<Object> writerA = writer(ready, go, crm.as(Actor.user("a")).customers(), base.edit().tag("from-a"));
        Callable<Object> writerB = writer(ready, go, crm.as(Actor.user("b")).customers(), base.edit().tag("from-b"));
        Future<Object> a = pool.submit(writerA);
        Future<Object> b = pool.submit(writerB);
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        Object resultA = a.get(10, TimeUnit.SECONDS);
        Object resultB = b.get(10, TimeUnit.SECONDS);

        List<Object> results = List.of(resultA, resultB);
        assertThat(results).filteredOn(r -> r instanceof Customer).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof ConflictException).hasSize(1);
        Customer winner = (Customer) results.stream().filter(r -> r instanceof Customer).findFirst().orElseThrow();
        Customer stored = crm.customers().require(base.id());
        assertThat(stored).isEqualTo(winner);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.tags()).hasSize(1).containsAnyOf("from-a", "from-b");

        // the loser reloads and applies its change: nothing is lost
        String loserTag = stored.tags().contains("from-a") ? "from-b" : "from-a";
        Customer merged = crm.customers().update(stored.edit().tag(loserTag));
        assertThat(merged.tags()).containsExactlyInAnyOrder("from-a", "from-b");
        assertThat(merged.version()).isEqualTo(3);
    }

    private static Callable<Object> writer(CountDownLatch ready, CountDownLatch go, CustomerService service,
                                           CustomerEdit edit) {
        return () -> {
            ready.countDown();
            if (!go.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("start signal never came");
            }
            try {
                return service.update(edit);
            } catch (ConflictException e) {
                return e;
            }
        };
    }

    @Test
    void retryingReadModifyWriteWritersLoseNothing() throws Exception {
        Customer base = crm.customers().create(NewCustomer.person("张三"));
        int writers = 8;
        int tagsEach = 5;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            futures.add(pool.submit(() -> {
                if (!go.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("start signal never came");
                }
                int conflicts = 0;
                for (int t = 0; t < tagsEach; t++) {
                    while (true) {
                        Customer current = crm.customers().require(base.id());
                        try {
                            crm.customers().update(current.edit().tag("w" + writer + "-t" + t));
                            break;
                        } catch (ConflictException lost) {
                            conflicts++;
                        }
                    }
                }
                return conflicts;
            }));
        }
        go.countDown();
        for (Future<Integer> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }

        Customer end = crm.customers().require(base.id());
        List<String> expected = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            for (int t = 0; t < tagsEach; t++) {
                expected.add("w" + w + "-t" + t);
            }
        }
        assertThat(end.tags()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(end.version()).isEqualTo(1L + writers * tagsEach);
    }
}
