package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.service.NewServiceCase;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseEvent;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceSettings;
import io.crmkit.core.service.SlaMetric;
import io.crmkit.core.service.SlaPolicy;
import io.crmkit.core.workflow.Priority;
import io.crmkit.testkit.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Service levels on every database: two CRMs on one database mark each breach once. */
abstract class ServiceSlaBehaviour extends JdbcStorageBehaviour {
    private static final ServiceSettings SETTINGS = ServiceSettings.builder().batchSize(4)
            .policy(SlaPolicy.builder("hour").target(SlaMetric.RESOLUTION, Duration.ofHours(1)).raisePriority().build())
            .build();

    @Test
    void twoCrmsOnOneDatabaseMarkAndEscalateEachBreachOnce() throws Exception {
        TestClock clock = TestClock.create();
        List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
        Crm one = Crm.builder().storage(open()).clock(clock).service(SETTINGS).listener(events::add).build();
        Crm two = Crm.builder().storage(open()).clock(clock).service(SETTINGS).listener(events::add).build();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Customer customer = one.customers().create(NewCustomer.person("张三"));
            List<ServiceCaseId> ids = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                ids.add(one.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.EMAIL, "repair", "case " + i)).id());
            }
            clock.advance(Duration.ofHours(2));
            assertThat(two.cases().dueBefore(clock.instant(), PageRequest.first(100)).items()).hasSize(13);

            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> a = pool.submit(() -> {
                go.await();
                return one.cases().checkSla();
            });
            Future<Integer> b = pool.submit(() -> {
                go.await();
                return two.cases().checkSla();
            });
            go.countDown();
            assertThat(a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS)).isEqualTo(13);

            List<ServiceCaseId> breached;
            synchronized (events) {
                breached = events.stream().filter(e -> e instanceof ServiceCaseEvent.SlaBreached)
                        .map(e -> ((ServiceCaseEvent.SlaBreached) e).caseId()).toList();
            }
            assertThat(breached).containsExactlyInAnyOrderElementsOf(ids);
            for (ServiceCaseId id : ids) {
                ServiceCase c = one.cases().require(id);
                assertThat(c.priority()).as("raised one step, once").isEqualTo(Priority.HIGH);
                assertThat(c.sla().breached()).containsExactly(SlaMetric.RESOLUTION);
                assertThat(c.version()).isEqualTo(2);
            }
            assertThat(one.cases().checkSla() + two.cases().checkSla()).isZero();
            assertThat(one.cases().breachedBetween(clock.instant().minus(Duration.ofDays(1)), clock.instant(),
                    PageRequest.first(100)).items()).extracting(ServiceCase::id).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(one.audit().verify().ok()).isTrue();
        } finally {
            pool.shutdownNow();
            one.close();
            two.close();
        }
    }
}
