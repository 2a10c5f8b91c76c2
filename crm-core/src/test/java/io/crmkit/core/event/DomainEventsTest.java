package io.crmkit.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.InvalidTransitionException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.PurchaseEvent;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerEvent;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionEvent;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementEvent;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyEvent;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskEvent;
import io.crmkit.core.task.TaskStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DomainEventsTest {
    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<DomainEvent> first = new CopyOnWriteArrayList<>();
    private final List<DomainEvent> second = new CopyOnWriteArrayList<>();
    private final Crm crm = TestCrm.builder(clock)
            .listener(e -> {
                calls.add("first:" + name(e));
                first.add(e);
            })
            .listener(e -> {
                calls.add("second:" + name(e));
                second.add(e);
            })
            .build();

    @AfterEach
    void close() {
        crm.close();
    }

    /** An event's name as written in code, such as {@code CustomerEvent.Created}. */
    private static String name(DomainEvent e) {
        Class<?> type = e.getClass();
        return type.getEnclosingClass().getSimpleName() + "." + type.getSimpleName();
    }

    @Test
    void listenersGetEveryEventInOrderWithActorAndTime() {
        var liSi = crm.as(Actor.user("li.si"));
        Customer c = liSi.customers().create(NewCustomer.person("张三"));
        Customer updated = liSi.customers().update(c.edit().tag("vip"));
        Interaction call = liSi.interactions().log(c.id(), Interaction.call(Direction.OUTBOUND));
        Requirement need = liSi.requirements().create(NewRequirement.of(c.id(), "报价"));
        liSi.requirements().start(need.id(), null);
        Task task = liSi.tasks().create(NewTask.titled("报价").assignTo(Assignee.department(DepartmentRef.of("sales"))));
        liSi.tasks().transition(task.id(), TaskStatus.WAITING, null);
        var survey = liSi.surveys().record(NewSurveyResponse.nps(c.id(), 10));
        var purchase = liSi.purchases().record(NewPurchase.of(c.id(), BigDecimal.TEN, "CNY"));
        liSi.customers().archive(c.id());

        var at = clock.instant();
        var notice = crm.as(Actor.user("wang").inDepartments("sales")).notifications()
                .inbox(io.crmkit.core.PageRequest.first(1)).items().get(0).notice().id();
        assertThat(first).containsExactly(
                new CustomerEvent.Created(c.id(), at, UserRef.of("li.si")),
                new CustomerEvent.Updated(c.id(), updated.version(), at, UserRef.of("li.si")),
                new InteractionEvent.Logged(call.id(), c.id(), call.channel(), at, UserRef.of("li.si")),
                new RequirementEvent.Created(need.id(), c.id(), at, UserRef.of("li.si")),
                new RequirementEvent.Transitioned(need.id(), RequirementStatus.NEW, RequirementStatus.IN_PROGRESS, at, UserRef.of("li.si")),
                new TaskEvent.Created(task.id(), at, UserRef.of("li.si")),
                new TaskEvent.Assigned(task.id(), Assignee.department(DepartmentRef.of("sales")), at, UserRef.of("li.si")),
                new io.crmkit.core.notification.NotificationEvent.Raised(notice, io.crmkit.core.notification.NoticeKind.TASK_ASSIGNED,
                        DepartmentRef.of("sales"), at, UserRef.of("li.si")), // raised by the assignment, in its transaction
                new TaskEvent.Transitioned(task.id(), TaskStatus.NOT_STARTED, TaskStatus.WAITING, at, UserRef.of("li.si")),
                new SurveyEvent.Recorded(survey.id(), c.id(), survey.kind(), 10, at, UserRef.of("li.si")),
                new PurchaseEvent.Recorded(purchase.id(), c.id(), at, UserRef.of("li.si")),
                new CustomerEvent.Archived(c.id(), at, UserRef.of("li.si")));
        assertThat(second).containsExactlyElementsOf(first);
        assertThat(calls.subList(0, 4)).containsExactly("first:CustomerEvent.Created", "second:CustomerEvent.Created",
                "first:CustomerEvent.Updated", "second:CustomerEvent.Updated");
    }

    @Test
    void eventsArriveAfterCommit() throws Exception {
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        AtomicReference<Crm> self = new AtomicReference<>();
        List<Optional<Customer>> seenFromAnotherThread = new CopyOnWriteArrayList<>();
        try (Crm observed = TestCrm.builder(clock).listener(e -> {
            if (e instanceof CustomerEvent.Created created) {
                // a read on another thread would block on an open write transaction; it must see the commit
                try {
                    seenFromAnotherThread.add(otherThread.submit(() -> self.get().customers().get(created.customerId()))
                            .get(10, TimeUnit.SECONDS));
                } catch (Exception ex) {
                    throw new AssertionError("the change was not committed when the listener ran", ex);
                }
            }
        }).build()) {
            self.set(observed);
            Customer c = observed.customers().create(NewCustomer.person("张三"));
            assertThat(seenFromAnotherThread).containsExactly(Optional.of(c));
        } finally {
            otherThread.shutdownNow();
        }
    }

    @Test
    void aFailedOperationPublishesNothing() {
        Customer c = crm.customers().create(NewCustomer.person("张三").externalRef("erp", "1"));
        Requirement need = crm.requirements().create(NewRequirement.of(c.id(), "报价"));
        first.clear();
        second.clear();

        assertThatThrownBy(() -> crm.customers().create(NewCustomer.person(""))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> crm.customers().create(NewCustomer.person("李四").externalRef("erp", "1")))
                .isInstanceOf(ConflictException.class);
        crm.customers().update(c.edit().tag("a"));
        first.clear();
        assertThatThrownBy(() -> crm.customers().update(c.edit().tag("stale"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> crm.requirements().close(need.id(), null)).isInstanceOf(InvalidTransitionException.class);
        assertThatThrownBy(() -> crm.interactions().log(CustomerId.parse("01900000-0000-7000-8000-000000000040"),
                Interaction.meeting())).isInstanceOf(NotFoundException.class);

        assertThat(first).isEmpty();
    }

    @Test
    void serviceCallsInsideAUnitOfWorkPublishAfterItCommits() {
        Customer c = crm.inTransaction(services -> {
            Customer created = crm.customers().create(NewCustomer.person("张三"));
            crm.customers().update(created.edit().tag("vip"));
            assertThat(first).as("nothing before the enclosing unit of work commits").isEmpty();
            return created;
        });
        assertThat(first).extracting(e -> name(e)).containsExactly("CustomerEvent.Created", "CustomerEvent.Updated");
        assertThat(first.get(0)).isEqualTo(new CustomerEvent.Created(c.id(), clock.instant(), Actor.SYSTEM.user()));
    }

    @Test
    void serviceCallsInsideARolledBackUnitOfWorkPublishNothing() {
        IllegalStateException boom = new IllegalStateException("host work failed");
        assertThatThrownBy(() -> crm.inTransaction(services -> {
            crm.customers().create(NewCustomer.person("张三"));
            throw boom;
        })).isSameAs(boom);

        assertThat(crm.customers().search(io.crmkit.core.customer.CustomerQuery.all(), io.crmkit.core.PageRequest.first(10))
                .items()).isEmpty();
        assertThat(first).isEmpty();
        assertThat(second).isEmpty();
    }

    @Test
    void aThrowingListenerBreaksNeitherTheOperationNorOtherListeners() {
        List<DomainEvent> after = new CopyOnWriteArrayList<>();
        try (Crm fragile = TestCrm.builder(clock)
                .listener(e -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(after::add)
                .build()) {
            Customer c = fragile.customers().create(NewCustomer.person("张三"));
            Customer updated = fragile.customers().update(c.edit().displayName("张三丰"));

            assertThat(fragile.customers().require(c.id())).isEqualTo(updated);
            assertThat(after).extracting(e -> name(e))
                    .containsExactly("CustomerEvent.Created", "CustomerEvent.Updated");
        }
    }
}
