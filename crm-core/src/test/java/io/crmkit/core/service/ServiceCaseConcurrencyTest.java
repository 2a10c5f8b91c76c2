package io.crmkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two writers on one case: one edit wins whole, the other is refused whole, and concurrent verbs all land. */
class ServiceCaseConcurrencyTest {
    private final Crm crm = TestCrm.create(MutableClock.at(TestCrm.START));
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));
    private final ServiceCase opened = crm.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "原主题"));
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        crm.close();
    }

    /** Runs both at once (as far as two threads can), returning what each returned or threw. */
    private List<Object> race(Callable<Object> first, Callable<Object> second) throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        for (Callable<Object> c : List.of(first, second)) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    return c.call();
                } catch (RuntimeException e) {
                    return e;
                }
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Object> results = new ArrayList<>();
        for (Future<Object> f : futures) {
            try {
                results.add(f.get(30, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
        return results;
    }

    private List<AuditEntry> audit() {
        return Pages.all(p -> crm.audit().history(RecordKind.SERVICE_CASE, opened.id().value(), p));
    }

    @RepeatedTest(5)
    @Timeout(60)
    void twoEditsOfTheSameVersionLetExactlyOneWinWhole() throws Exception {
        ServiceCaseService li = crm.as(Actor.user("li")).cases();
        ServiceCaseService wang = crm.as(Actor.user("wang")).cases();
        ServiceCaseEdit mine = opened.edit().subject("李的主题").description("李的描述").priority(Priority.HIGH);
        ServiceCaseEdit theirs = opened.edit().subject("王的主题").type("complaint").priority(Priority.LOW);

        List<Object> results = race(() -> li.update(mine), () -> wang.update(theirs));

        assertThat(results).filteredOn(r -> r instanceof ConflictException).hasSize(1);
        ServiceCase winner = (ServiceCase) results.stream().filter(r -> r instanceof ServiceCase).findFirst().orElseThrow();
        ServiceCase stored = crm.cases().require(opened.id());
        assertThat(stored).isEqualTo(winner);
        assertThat(stored.version()).isEqualTo(2);
        if (stored.subject().equals("李的主题")) { // nothing of the loser's edit is mixed in
            assertThat(stored.description()).contains("李的描述");
            assertThat(stored.type()).isEqualTo("repair");
            assertThat(stored.priority()).isEqualTo(Priority.HIGH);
        } else {
            assertThat(stored.subject()).isEqualTo("王的主题");
            assertThat(stored.description()).isEmpty();
            assertThat(stored.type()).isEqualTo("complaint");
            assertThat(stored.priority()).isEqualTo(Priority.LOW);
        }
        assertThat(audit()).extracting(AuditEntry::action).containsExactly(AuditAction.CREATE, AuditAction.UPDATE);
    }

    @Test
    @Timeout(60)
    void concurrentVerbsOnOneCaseAllLandInOneHistory() throws Exception {
        ServiceCaseService li = crm.as(Actor.user("li")).cases();
        ServiceCaseService wang = crm.as(Actor.user("wang")).cases();

        List<Object> results = race(() -> li.assign(opened.id(), Assignee.user(UserRef.of("zhao"))),
                () -> wang.transition(opened.id(), ServiceCaseStatus.ON_HOLD, "等配件"));

        assertThat(results).allMatch(r -> r instanceof ServiceCase);
        ServiceCase stored = crm.cases().require(opened.id());
        assertThat(stored.version()).isEqualTo(opened.version() + 2);
        assertThat(stored.assignee()).contains(Assignee.user(UserRef.of("zhao")));
        assertThat(stored.history()).extracting(h -> h.to()).contains(ServiceCaseStatus.ON_HOLD);
        assertThat(audit()).hasSize(3);
    }
}
