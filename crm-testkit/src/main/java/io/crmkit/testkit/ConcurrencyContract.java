package io.crmkit.testkit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.security.AccessScope;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent writers: optimistic locking loses no update, of two writers from one version exactly one
 * wins, unique keys hold under racing inserts, and concurrent inserts are all kept. Threads start together
 * from a latch; every wait is bounded.
 */
@Timeout(120)
public abstract class ConcurrencyContract extends StorageContractSupport {
    /** Threads per test. */
    protected static final int THREADS = 8;
    private static final long WAIT_SECONDS = 60;

    private ExecutorService pool;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected ConcurrencyContract(StorageFactory factory) {
        super(factory);
    }

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("workers stopped").isTrue();
    }

    /** Runs {@code task} on every thread at once and returns each thread's result. */
    private <T> List<T> together(int threads, IndexedTask<T> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            futures.add(pool.submit((Callable<T>) () -> {
                ready.countDown();
                if (!go.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("start signal never came");
                }
                return task.run(index);
            }));
        }
        assertThat(ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("all threads ready").isTrue();
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw new AssertionError("a worker failed: " + e.getCause(), e.getCause());
            }
        }
        return results;
    }

    /** Work of one thread. */
    @FunctionalInterface
    private interface IndexedTask<T> {
        T run(int index) throws Exception;
    }

    private Customer stored(CustomerId id) {
        return read(r -> r.customers().findById(id)).orElseThrow(() -> new AssertionError("customer " + id + " is gone"));
    }

    @Test
    void readModifyWriteWithRetriesLosesNoUpdate() throws Exception {
        int updatesPerThread = 10;
        Customer c = data.person("Counter").attributes(java.util.Map.of("count", AttributeValue.of(0))).build();
        write(r -> r.customers().insert(c));

        List<Integer> conflicts = together(THREADS, t -> {
            int lost = 0;
            for (int u = 0; u < updatesPerThread; u++) {
                String tag = "t" + t + "-" + u;
                for (int attempt = 0; ; attempt++) {
                    if (attempt > 10_000) {
                        throw new IllegalStateException("no progress after 10000 attempts");
                    }
                    try {
                        write(r -> {
                            Customer current = r.customers().findById(c.id()).orElseThrow();
                            long count = ((AttributeValue.Number) current.attribute("count").orElseThrow()).value()
                                    .longValueExact();
                            Set<String> tags = new LinkedHashSet<>(current.tags());
                            tags.add(tag);
                            r.customers().update(current.toBuilder()
                                    .attributes(java.util.Map.of("count", AttributeValue.of(count + 1)))
                                    .tags(tags).version(current.version() + 1).build());
                        });
                        break;
                    } catch (ConflictException retry) {
                        lost++;
                    }
                }
            }
            return lost;
        });

        int total = THREADS * updatesPerThread;
        Customer after = stored(c.id());
        assertThat(after.version()).as("version after %d updates (%d retried conflicts)", total,
                conflicts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1 + total);
        assertThat(after.attribute("count")).contains(AttributeValue.of(total));
        assertThat(after.tags()).hasSize(total);
    }

    @Test
    void ofTwoWritersFromTheSameVersionExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Customer base = data.person("Base " + round).build();
            write(r -> r.customers().insert(base));

            List<Optional<Customer>> outcomes = together(2, t -> {
                Customer mine = base.toBuilder().displayName("Writer " + t).version(base.version() + 1).build();
                try {
                    write(r -> r.customers().update(mine));
                    return Optional.of(mine);
                } catch (ConflictException lost) {
                    return Optional.empty();
                }
            });

            List<Customer> winners = outcomes.stream().flatMap(Optional::stream).toList();
            assertThat(winners).as("round %d: winners", round).hasSize(1);
            assertThat(stored(base.id())).as("round %d: the stored customer is the winner's", round)
                    .isEqualTo(winners.get(0));
        }
    }

    @Test
    void concurrentInsertsAreAllKept() throws Exception {
        int perThread = 25;
        List<List<Customer>> inserted = together(THREADS, t -> {
            List<Customer> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                Customer c = data.person("T" + t + "-" + i).externalRefs(List.of(ExternalRef.of("erp", t + "-" + i))).build();
                Interaction call = data.interaction(c.id()).build();
                write(r -> {
                    r.customers().insert(c);
                    r.interactions().insert(call);
                });
                mine.add(c);
            }
            return mine;
        });

        List<Customer> all = inserted.stream().flatMap(List::stream).toList();
        List<Customer> paged = readAllPages(7, (r, p) -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), p));
        assertThat(ids(paged, c -> c.id().value()))
                .containsExactlyElementsOf(ids(sorted(all, byId(c -> c.id().value())), c -> c.id().value()));
        for (Customer c : all) {
            int count = read(r -> r.interactions().timeline(c.id(), TimelineQuery.all(),
                    io.crmkit.core.PageRequest.first(5)).size());
            assertThat(count).as("interactions of %s", c).isEqualTo(1);
        }
    }

    @Test
    void racingInsertsOfOneExternalRefLetExactlyOneWin() throws Exception {
        List<Customer> contenders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            contenders.add(data.person("Contender " + t).externalRefs(List.of(ExternalRef.of("erp", "SAME"))).build());
        }

        List<Boolean> won = together(THREADS, t -> {
            try {
                write(r -> r.customers().insert(contenders.get(t)));
                return true;
            } catch (ConflictException lost) {
                return false;
            }
        });

        assertThat(won).as("winners").containsOnlyOnce(true);
        Customer winner = contenders.get(won.indexOf(true));
        assertThat(readOne(r -> r.customers().findByExternalRef(ExternalRef.of("erp", "SAME")))).contains(winner);
        assertThat(readList(r -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), io.crmkit.core.PageRequest.first(100)).items()))
                .containsExactly(winner);
    }

    @Test
    void racingInsertsOfOnePurchaseExternalIdLetExactlyOneWin() throws Exception {
        Customer c = data.person("Buyer").build();
        write(r -> r.customers().insert(c));
        List<Purchase> contenders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            contenders.add(data.purchase(c.id(), t + ".00", "CNY").externalId("SO-RACE").build());
        }

        List<Boolean> won = together(THREADS, t -> {
            try {
                write(r -> r.purchases().insert(contenders.get(t)));
                return true;
            } catch (ConflictException lost) {
                return false;
            }
        });

        assertThat(won).as("winners").containsOnlyOnce(true);
        Purchase winner = contenders.get(won.indexOf(true));
        assertThat(read(r -> r.purchases().findByExternalId("SO-RACE")).map(Purchase::id)).contains(winner.id());
        Set<BigDecimal> amounts = new HashSet<>();
        read(r -> r.purchases().search(io.crmkit.core.commerce.PurchaseQuery.all(), AccessScope.everything(), io.crmkit.core.PageRequest.first(100)))
                .items().forEach(p -> amounts.add(p.amount().stripTrailingZeros()));
        assertThat(amounts).containsExactly(winner.amount().stripTrailingZeros());
    }
}
