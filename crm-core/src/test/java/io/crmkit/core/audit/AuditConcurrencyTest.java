package io.crmkit.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Writers on many threads, to different customers and the same ones, leave every chain whole and without gaps. */
class AuditConcurrencyTest {
    @Test
    void eightWritersLeaveVerifiableChainsWithOneEntryPerCommittedChange() throws Exception {
        try (Crm crm = TestCrm.builder(io.crmkit.core.MutableClock.at(TestCrm.START))
                .audit(AuditSettings.builder().streams(4).build()).build()) {
            AuditLoad.run(crm);
        }
    }

    /** The load, shared with the storages' tests. */
    static final class AuditLoad {
        static void run(Crm crm) throws Exception {
            List<Customer> shared = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                shared.add(crm.customers().create(NewCustomer.person("shared " + i)));
            }
            AtomicInteger committed = new AtomicInteger(shared.size());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            try {
                for (int w = 0; w < 8; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        go.await();
                        var as = crm.as(Actor.user("writer-" + writer));
                        Customer own = as.customers().create(NewCustomer.person("own " + writer));
                        committed.incrementAndGet();
                        for (int i = 0; i < 10; i++) {
                            own = as.customers().update(own.edit().displayName("own " + writer + " v" + i));
                            committed.incrementAndGet();
                            Customer target = shared.get((writer + i) % shared.size());
                            for (int attempt = 0; attempt < 50; attempt++) {
                                Customer fresh = as.customers().require(target.id());
                                try {
                                    as.customers().update(fresh.edit().tag("w" + writer + "-" + i));
                                    committed.incrementAndGet();
                                    break;
                                } catch (ConflictException lost) {
                                    // another writer changed it first: reload and try again
                                }
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            AuditVerification v = crm.audit().verify();
            assertThat(v.broken()).isEmpty();
            assertThat(v.entriesChecked()).isEqualTo(committed.get());
            long heads = crm.audit().heads().stream().mapToLong(AuditHead::lastSequence).sum();
            assertThat(heads).isEqualTo(committed.get());
            for (Customer c : shared) {
                Customer stored = crm.customers().require(c.id());
                assertThat(Pages.all(p -> crm.audit().history(RecordKind.CUSTOMER, c.id().value(), p)))
                        .as("one entry per stored version").hasSize((int) stored.version());
            }
        }
    }
}
