package io.crmkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.audit.FieldChange;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SLA monitor: warnings before breaches, escalation as the system, once per breach even with two CRMs. */
class ServiceSlaMonitorTest {
    static final DepartmentRef SECOND_LINE = DepartmentRef.of("二线支持");
    static final SlaPolicy ESCALATING = SlaPolicy.builder("escalating")
            .target(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1))
            .target(SlaMetric.RESOLUTION, Duration.ofHours(10))
            .warningPercent(50)
            .raisePriority()
            .escalateTo(Assignee.department(SECOND_LINE))
            .build();

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final List<DomainEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final List<Crm> crms = new ArrayList<>();

    @AfterEach
    void close() {
        crms.forEach(Crm::close);
    }

    private Crm crm(InMemoryStorage storage, SlaPolicy policy) {
        Crm crm = Crm.builder().storage(storage).clock(clock).listener(events::add)
                .service(ServiceSettings.builder().policy(policy).batchSize(2).build()).build();
        crms.add(crm);
        return crm;
    }

    private <E extends ServiceCaseEvent> List<E> events(Class<E> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    private static ServiceCase open(Crm crm, Customer customer) {
        return crm.as(Actor.user("li.si")).cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "漏水")
                .assignTo(Assignee.user(UserRef.of("li.si"))));
    }

    @Test
    void aWarningComesBeforeTheBreachAndTheBreachEscalatesAsTheSystem() {
        Crm crm = crm(InMemoryStorage.create(), ESCALATING);
        Customer customer = crm.customers().create(NewCustomer.person("张三"));
        ServiceCase c = open(crm, customer);
        Instant t0 = c.createdAt();

        clock.advance(Duration.ofMinutes(29));
        assertThat(crm.cases().checkSla()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        assertThat(events(ServiceCaseEvent.SlaWarning.class)).singleElement()
                .satisfies(w -> assertThat(w.due()).isEqualTo(t0.plus(Duration.ofHours(1))));
        assertThat(crm.cases().require(c.id()).priority()).isEqualTo(Priority.NORMAL);

        clock.advance(Duration.ofMinutes(30));
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        ServiceCase escalated = crm.cases().require(c.id());
        assertThat(escalated.priority()).isEqualTo(Priority.HIGH);
        assertThat(escalated.assignee()).contains(Assignee.department(SECOND_LINE));
        assertThat(escalated.sla().breached()).containsExactly(SlaMetric.FIRST_RESPONSE);
        assertThat(escalated.version()).isEqualTo(c.version() + 2);
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).singleElement().satisfies(b -> {
            assertThat(b.metric()).isEqualTo(SlaMetric.FIRST_RESPONSE);
            assertThat(b.actor()).isEqualTo(Actor.SYSTEM.user());
        });
        assertThat(events(ServiceCaseEvent.Assigned.class)).extracting(ServiceCaseEvent.Assigned::assignee)
                .containsExactly(Assignee.user(UserRef.of("li.si")), Assignee.department(SECOND_LINE));
        assertThat(events(ServiceCaseEvent.Updated.class)).singleElement()
                .satisfies(u -> assertThat(u.version()).isEqualTo(escalated.version()));

        List<AuditEntry> trail = Pages.all(p -> crm.audit().history(RecordKind.SERVICE_CASE, c.id().value(), p), 10);
        AuditEntry escalation = trail.get(trail.size() - 1);
        assertThat(escalation.actor()).isEqualTo(Actor.SYSTEM.user());
        assertThat(escalation.source()).isEqualTo(AuditSource.SYSTEM);
        assertThat(escalation.action()).isEqualTo(AuditAction.ASSIGN);
        assertThat(escalation.change("priority").flatMap(FieldChange::newValue)).contains("HIGH");
        assertThat(escalation.change("assignee").flatMap(FieldChange::newValue)).contains("department 二线支持");
        assertThat(escalation.change("slaBreached").flatMap(FieldChange::newValue)).contains("FIRST_RESPONSE");
        AuditEntry warning = trail.get(trail.size() - 2);
        assertThat(warning.actor()).isEqualTo(Actor.SYSTEM.user());
        assertThat(warning.change("slaWarned").flatMap(FieldChange::newValue)).contains("FIRST_RESPONSE");
        assertThat(crm.audit().verify().ok()).isTrue();

        // the resolution target warns at 5 h and breaches at 10 h: one more step up, the assignee stays
        clock.set(t0.plus(Duration.ofHours(5)));
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        assertThat(events(ServiceCaseEvent.SlaWarning.class)).extracting(ServiceCaseEvent.SlaWarning::metric)
                .containsExactly(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION);
        clock.set(t0.plus(Duration.ofHours(10)));
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        ServiceCase again = crm.cases().require(c.id());
        assertThat(again.priority()).isEqualTo(Priority.URGENT);
        assertThat(again.sla().breached()).containsExactlyInAnyOrder(SlaMetric.FIRST_RESPONSE, SlaMetric.RESOLUTION);
        assertThat(again.sla().breachedAt()).contains(t0.plus(Duration.ofHours(1)));
        assertThat(events(ServiceCaseEvent.SlaWarning.class)).hasSize(2);
        assertThat(crm.cases().checkSla()).isZero();
    }

    @Test
    void aBreachFiresOnceWithTwoCrmsOnTheSameStorage() throws Exception {
        InMemoryStorage storage = InMemoryStorage.create();
        SlaPolicy quiet = SlaPolicy.builder("quiet").target(SlaMetric.RESOLUTION, Duration.ofHours(1)).build();
        Crm one = crm(storage, quiet);
        Crm two = crm(storage, quiet);
        Customer customer = one.customers().create(NewCustomer.person("张三"));
        List<ServiceCaseId> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(open(i % 2 == 0 ? one : two, customer).id());
        }
        clock.advance(Duration.ofHours(2));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
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
            assertThat(a.get(30, TimeUnit.SECONDS) + b.get(30, TimeUnit.SECONDS)).isEqualTo(7);
        } finally {
            pool.shutdownNow();
        }
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).extracting(ServiceCaseEvent.SlaBreached::caseId)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(one.cases().checkSla() + two.cases().checkSla()).isZero();
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).hasSize(7);
    }

    @Test
    void aCheckHandlesEveryDueCaseInBatches() {
        Crm crm = crm(InMemoryStorage.create(), SlaPolicy.builder("p").target(SlaMetric.RESOLUTION, Duration.ofHours(1)).build());
        Customer customer = crm.customers().create(NewCustomer.person("张三"));
        for (int i = 0; i < 5; i++) {
            open(crm, customer);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofHours(1));
        assertThat(crm.cases().dueBefore(clock.instant(), io.crmkit.core.PageRequest.first(10)).items()).hasSize(5);
        assertThat(crm.cases().checkSla()).isEqualTo(5); // batches of 2
        assertThat(crm.cases().dueBefore(clock.instant(), io.crmkit.core.PageRequest.first(10)).items()).isEmpty();
    }

    /**
     * Cases the monitor cannot store (here: a storage that refuses their update) are passed over: with a batch of 2
     * and the two earliest failing on every check, the three behind them are still marked.
     */
    @Test
    void casesThatFailEveryTimeDoNotHoldUpTheCasesBehindThem() {
        InMemoryStorage memory = InMemoryStorage.create();
        Set<ServiceCaseId> poisoned = ConcurrentHashMap.newKeySet();
        Crm crm = Crm.builder().storage(refusingUpdatesOf(memory, poisoned)).clock(clock)
                .service(ServiceSettings.builder().policy(SlaPolicy.builder("p").target(SlaMetric.RESOLUTION,
                        Duration.ofHours(1)).build()).batchSize(2).build()).build();
        crms.add(crm);
        Customer customer = crm.customers().create(NewCustomer.person("张三"));
        List<ServiceCase> cases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cases.add(open(crm, customer));
            clock.advance(Duration.ofMinutes(1));
        }
        poisoned.add(cases.get(0).id());
        poisoned.add(cases.get(1).id());
        clock.advance(Duration.ofHours(1));

        assertThat(crm.cases().checkSla()).isEqualTo(3);
        assertThat(cases.subList(2, 5)).allSatisfy(c -> assertThat(crm.cases().require(c.id()).sla().breached())
                .containsExactly(SlaMetric.RESOLUTION));
        assertThat(crm.cases().require(cases.get(0).id()).sla().breached()).isEmpty();
        assertThat(crm.cases().checkSla()).isZero(); // the two still fail; nothing else is due
        poisoned.clear();
        assertThat(crm.cases().checkSla()).isEqualTo(2);
    }

    /** {@code memory}, except that updating one of {@code refused} cases throws. */
    private static CrmStorage refusingUpdatesOf(InMemoryStorage memory, Set<ServiceCaseId> refused) {
        return new CrmStorage() {
            @Override
            public <T> T inTransaction(UnitOfWork<T> work) {
                return memory.inTransaction(repos -> work.run(wrap(repos)));
            }

            @Override
            public <T> T read(UnitOfWork<T> work) {
                return memory.read(repos -> work.run(wrap(repos)));
            }

            @Override
            public void close() {
                memory.close();
            }

            private Repositories wrap(Repositories repos) {
                ServiceCaseRepository cases = repos.serviceCases();
                ServiceCaseRepository refusing = proxy(ServiceCaseRepository.class, cases, (method, args) -> {
                    if (method.getName().equals("update") && refused.contains(((ServiceCase) args[0]).id())) {
                        throw new IllegalStateException("refused");
                    }
                });
                return reposWith(repos, refusing);
            }

            private Repositories reposWith(Repositories repos, ServiceCaseRepository cases) {
                return (Repositories) Proxy.newProxyInstance(Repositories.class.getClassLoader(),
                        new Class<?>[] {Repositories.class}, (p, method, args) -> method.getName().equals("serviceCases")
                                ? cases : invoke(method, repos, args));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, java.util.function.BiConsumer<Method, Object[]> before) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            before.accept(method, args);
            return invoke(method, target, args);
        });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aBreachOfAClockThatStoppedLateIsMarkedWithoutEscalation() {
        Crm crm = crm(InMemoryStorage.create(), ESCALATING);
        Customer customer = crm.customers().create(NewCustomer.person("张三"));
        ServiceCase c = open(crm, customer);
        clock.advance(Duration.ofHours(2));
        crm.cases().resolve(c.id(), null); // first response never came: its clock stopped after 2 h
        assertThat(crm.cases().checkSla()).isEqualTo(1);
        ServiceCase marked = crm.cases().require(c.id());
        assertThat(marked.sla().breached()).containsExactly(SlaMetric.FIRST_RESPONSE);
        assertThat(marked.priority()).isEqualTo(Priority.NORMAL);
        assertThat(marked.assignee()).contains(Assignee.user(UserRef.of("li.si")));
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).hasSize(1);
        assertThat(Optional.of(marked.status())).contains(ServiceCaseStatus.RESOLVED);
    }

    @Test
    void theBackgroundMonitorMarksWithoutBeingCalled() throws Exception {
        Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).listener(events::add)
                .service(ServiceSettings.builder().policy(SlaPolicy.builder("p").target(SlaMetric.RESOLUTION, Duration.ofHours(1))
                        .build()).backgroundMonitor(Duration.ofMillis(20)).build()).build();
        crms.add(crm);
        Customer customer = crm.customers().create(NewCustomer.person("张三"));
        open(crm, customer);
        clock.advance(Duration.ofHours(2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events(ServiceCaseEvent.SlaBreached.class).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(events(ServiceCaseEvent.SlaBreached.class)).hasSize(1);
    }
}
