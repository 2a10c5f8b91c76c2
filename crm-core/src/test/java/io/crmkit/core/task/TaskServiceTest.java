package io.crmkit.core.task;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.core.Crm;
import io.crmkit.core.InvalidTransitionException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskServiceTest {
    private final MutableClock clock = MutableClock.at(TestCrm.START); // 2025-03-10
    private final Crm crm = TestCrm.create(clock);
    private final TaskService tasks = crm.as(Actor.user("li.si")).tasks();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));
    private final LocalDate today = LocalDate.of(2025, 3, 10);

    @AfterEach
    void close() {
        crm.close();
    }

    private Task newTask(String title) {
        return tasks.create(NewTask.titled(title));
    }

    @Test
    void createdWithEveryFieldAndTheActingUserAsCreator() {
        Requirement need = crm.requirements().create(NewRequirement.of(customer.id(), "报价"));
        Task t = tasks.create(NewTask.titled("  准备报价单 ")
                .description("含运费\n含税")
                .about(customer.id())
                .forRequirement(need.id())
                .assignTo(Assignee.userInDepartment(UserRef.of("wang.wu"), DepartmentRef.of("sales")))
                .due(today.plusDays(2))
                .priority(Priority.URGENT));

        assertThat(t.title()).isEqualTo("准备报价单");
        assertThat(t.description()).contains("含运费\n含税");
        assertThat(t.customerId()).contains(customer.id());
        assertThat(t.requirementId()).contains(need.id());
        assertThat(t.assignee()).contains(Assignee.userInDepartment(UserRef.of("wang.wu"), DepartmentRef.of("sales")));
        assertThat(t.creator()).isEqualTo(UserRef.of("li.si"));
        assertThat(t.dueDate()).contains(today.plusDays(2));
        assertThat(t.priority()).isEqualTo(Priority.URGENT);
        assertThat(t.status()).isEqualTo(TaskStatus.NOT_STARTED);
        assertThat(t.progress()).isZero();
        assertThat(t.comments()).isEmpty();
        assertThat(t.assignments()).containsExactly(
                new Assignment(Assignee.userInDepartment(UserRef.of("wang.wu"), DepartmentRef.of("sales")), UserRef.of("li.si"), clock.instant(), Optional.empty()));
        assertThat(t.statusHistory()).isEmpty();
        assertThat(t.version()).isEqualTo(1);
        assertThat(tasks.get(t.id())).contains(t);
    }

    @Test
    void aTaskNeedsNoRelatedRecordOrAssignee() {
        Task t = newTask("整理名片");
        assertThat(t.customerId()).isEmpty();
        assertThat(t.requirementId()).isEmpty();
        assertThat(t.assignee()).isEmpty();
        assertThat(t.assignments()).isEmpty();
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
        assertThat(crm.tasks().create(NewTask.titled("x")).creator()).isEqualTo(Actor.SYSTEM.user());
    }

    @Test
    void aNeedAloneGivesTheTaskItsCustomer() {
        Requirement need = crm.requirements().create(NewRequirement.of(customer.id(), "报价"));
        assertThat(tasks.create(NewTask.titled("报价").forRequirement(need.id())).customerId()).contains(customer.id());
    }

    @Test
    void aNeedOfAnotherCustomerIsRejected() {
        Customer other = crm.customers().create(NewCustomer.person("李四"));
        Requirement theirs = crm.requirements().create(NewRequirement.of(other.id(), "报价"));
        assertThat(violationsOf(() -> tasks.create(NewTask.titled("报价").about(customer.id()).forRequirement(theirs.id()))))
                .containsExactly("requirementId:other_customer");
    }

    @Test
    void unknownRelatedRecordsAreNotFound() {
        assertThatThrownBy(() -> tasks.create(NewTask.titled("x").about(CustomerId.parse("01900000-0000-7000-8000-000000000010"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tasks.create(NewTask.titled("x").forRequirement(RequirementId.parse("01900000-0000-7000-8000-000000000011"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tasks.transition(TaskId.parse("01900000-0000-7000-8000-000000000012"), TaskStatus.DONE, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void titleDescriptionAndAssigneeAreValidatedTogether() {
        assertThat(violationsOf(() -> tasks.create(NewTask.titled("")
                .description("d".repeat(10_001)))))
                .containsExactlyInAnyOrder("title:required", "description:too_long");
        assertThat(violationsOf(() -> tasks.create(NewTask.titled("t".repeat(201))))).containsExactly("title:too_long");
        assertThat(violationsOf(() -> Assignee.user(UserRef.of(" ")))).containsExactly("userId:required");
        assertThat(violationsOf(() -> Assignee.department(DepartmentRef.of("\t")))).containsExactly("departmentId:required");
        assertThat(violationsOf(() -> new Assignee(Optional.empty(), Optional.empty()))).containsExactly("assignee:required");
    }

    @Test
    void everyAllowedStatusChangeWorksAndIsRecorded() {
        for (TaskStatus from : TaskStatus.values()) {
            for (TaskStatus to : TaskStatus.DEFAULT_WORKFLOW.next(from)) {
                Task before = taskIn(from);
                clock.advance(Duration.ofMinutes(1));

                Task moved = tasks.transition(before.id(), to, "备注 " + to);

                assertThat(moved.status()).isEqualTo(to);
                assertThat(moved.statusHistory()).endsWith(
                        new StatusChange<>(from, to, UserRef.of("li.si"), clock.instant(), Optional.of("备注 " + to)));
                assertThat(tasks.get(before.id())).contains(moved);
            }
        }
    }

    @Test
    void everyForbiddenStatusChangeThrowsAndChangesNothing() {
        int checked = 0;
        for (TaskStatus from : TaskStatus.values()) {
            for (TaskStatus to : TaskStatus.values()) {
                if (TaskStatus.DEFAULT_WORKFLOW.allows(from, to)) {
                    continue;
                }
                Task before = taskIn(from);
                InvalidTransitionException e = catchThrowableOfType(InvalidTransitionException.class,
                        () -> tasks.transition(before.id(), to, null));
                assertThat(e).as(from + " -> " + to).isNotNull();
                assertThat(e.from()).isEqualTo(from.name());
                assertThat(e.to()).isEqualTo(to.name());
                assertThat(tasks.get(before.id())).contains(before);
                checked++;
            }
        }
        assertThat(checked).as("DONE->WAITING/DONE/CANCELLED/NOT_STARTED, CANCELLED->..., and the self-transitions")
                .isEqualTo(25 - 12);
    }

    private Task taskIn(TaskStatus status) {
        Task t = newTask("任务 " + status);
        return switch (status) {
            case NOT_STARTED -> t;
            case IN_PROGRESS, WAITING, DONE, CANCELLED -> tasks.transition(t.id(), status, null);
        };
    }

    @Test
    void doneSetsProgressTo100() {
        Task t = newTask("回访");
        tasks.progress(t.id(), 40);
        assertThat(tasks.transition(t.id(), TaskStatus.DONE, "完成").progress()).isEqualTo(100);
    }

    @Test
    void progressOnANotStartedTaskStartsIt() {
        Task t = newTask("回访");
        Task progressed = tasks.progress(t.id(), 30);
        assertThat(progressed.status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(progressed.progress()).isEqualTo(30);
        assertThat(progressed.statusHistory()).singleElement().satisfies(change -> {
            assertThat(change.from()).isEqualTo(TaskStatus.NOT_STARTED);
            assertThat(change.to()).isEqualTo(TaskStatus.IN_PROGRESS);
            assertThat(change.actor()).isEqualTo(UserRef.of("li.si"));
        });
        assertThat(tasks.get(t.id())).contains(progressed);
    }

    @Test
    void progressStartingATaskIsPublishedAsAStatusChange() {
        List<io.crmkit.core.event.DomainEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Crm observed = TestCrm.builder(clock).listener(events::add).build()) {
            Task t = observed.tasks().create(NewTask.titled("回访"));
            observed.tasks().progress(t.id(), 10);
            observed.tasks().progress(t.id(), 20);
            assertThat(events).filteredOn(e -> e instanceof TaskEvent.Transitioned)
                    .containsExactly(new TaskEvent.Transitioned(t.id(), TaskStatus.NOT_STARTED,
                            TaskStatus.IN_PROGRESS, clock.instant(), Actor.SYSTEM.user()));
        }
    }

    @Test
    void progressCannotStartATaskTheWorkflowKeepsFromStarting() {
        var mustWaitFirst = io.crmkit.core.workflow.Workflow.builder(TaskStatus.class, TaskStatus.NOT_STARTED)
                .allow(TaskStatus.NOT_STARTED, TaskStatus.WAITING)
                .allow(TaskStatus.WAITING, TaskStatus.IN_PROGRESS)
                .build();
        try (Crm custom = TestCrm.builder(clock).workflow(mustWaitFirst).build()) {
            Task t = custom.tasks().create(NewTask.titled("回访"));
            assertThatThrownBy(() -> custom.tasks().progress(t.id(), 10)).isInstanceOf(InvalidTransitionException.class);
            assertThat(custom.tasks().get(t.id())).contains(t);
            assertThatThrownBy(() -> custom.tasks().transition(t.id(), TaskStatus.IN_PROGRESS, null))
                    .isInstanceOf(InvalidTransitionException.class);
            custom.tasks().transition(t.id(), TaskStatus.WAITING, null);
            assertThat(custom.tasks().transition(t.id(), TaskStatus.IN_PROGRESS, null).status()).isEqualTo(TaskStatus.IN_PROGRESS);
        }
    }

    @Test
    void progressFrom0To100() {
        Task t = newTask("回访");
        assertThat(tasks.progress(t.id(), 0).status()).as("zero progress does not start it").isEqualTo(TaskStatus.NOT_STARTED);
        assertThat(tasks.progress(t.id(), 100).progress()).isEqualTo(100);
        assertThat(tasks.progress(t.id(), 55).progress()).isEqualTo(55);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void progressOutside0To100IsRejected(int percent) {
        Task t = newTask("回访");
        assertThat(violationsOf(() -> tasks.progress(t.id(), percent))).containsExactly("progress:range");
        assertThat(tasks.get(t.id())).contains(t);
    }

    @Test
    void progressOnAFinishedTaskIsRejected() {
        Task t = newTask("回访");
        Task done = tasks.transition(t.id(), TaskStatus.DONE, null);
        assertThat(violationsOf(() -> tasks.progress(t.id(), 50))).containsExactly("progress:task_closed");
        assertThat(tasks.get(t.id())).contains(done);
    }

    @Test
    void commentsKeepAuthorTimeAndText() {
        Task t = newTask("回访");
        tasks.comment(t.id(), "客户说下周再联系 🙏");
        clock.advance(Duration.ofHours(1));
        Task commented = crm.as(Actor.user("wang.wu")).tasks().comment(t.id(), "已联系\n约了周三");

        assertThat(commented.comments()).containsExactly(
                new TaskComment(UserRef.of("li.si"), clock.instant().minus(Duration.ofHours(1)), "客户说下周再联系 🙏"),
                new TaskComment(UserRef.of("wang.wu"), clock.instant(), "已联系\n约了周三"));
        assertThat(tasks.get(t.id()).orElseThrow().comments()).isEqualTo(commented.comments());
        assertThat(violationsOf(() -> tasks.comment(t.id(), "  "))).containsExactly("text:required");
        assertThat(violationsOf(() -> tasks.comment(t.id(), "字".repeat(10_001)))).containsExactly("text:too_long");
        assertThat(tasks.get(t.id())).contains(commented);
    }

    @Test
    void reassignmentKeepsTheHistory() {
        Task t = tasks.create(NewTask.titled("开票").assignTo(Assignee.department(DepartmentRef.of("sales"))));
        Instant t0 = clock.instant();
        clock.advance(Duration.ofHours(2));

        Task handedOver = crm.as(Actor.user("wang.wu")).tasks().assign(t.id(), Assignee.department(DepartmentRef.of("finance")), "财务开票");

        assertThat(handedOver.assignee()).contains(Assignee.department(DepartmentRef.of("finance")));
        assertThat(handedOver.assignments()).containsExactly(
                new Assignment(Assignee.department(DepartmentRef.of("sales")), UserRef.of("li.si"), t0, Optional.empty()),
                new Assignment(Assignee.department(DepartmentRef.of("finance")), UserRef.of("wang.wu"), clock.instant(), Optional.of("财务开票")));
        assertThat(tasks.get(t.id())).contains(handedOver);
    }

    @Test
    void departmentsHandTasksOver() {
        Task invoice = tasks.create(NewTask.titled("开票").assignTo(Assignee.department(DepartmentRef.of("sales"))));
        Task quote = tasks.create(NewTask.titled("报价").assignTo(Assignee.userInDepartment(UserRef.of("wang.wu"), DepartmentRef.of("sales"))));
        Task audit = tasks.create(NewTask.titled("对账").assignTo(Assignee.department(DepartmentRef.of("finance"))));

        assertThat(ids(Pages.all(p -> tasks.assignedToDepartment(DepartmentRef.of("sales"), p)))).containsExactly(invoice.id(), quote.id());
        assertThat(ids(Pages.all(p -> tasks.assignedToDepartment(DepartmentRef.of("finance"), p)))).containsExactly(audit.id());

        tasks.assign(invoice.id(), Assignee.department(DepartmentRef.of("finance")), "请财务开票");

        assertThat(ids(Pages.all(p -> tasks.assignedToDepartment(DepartmentRef.of("sales"), p)))).containsExactly(quote.id());
        assertThat(ids(Pages.all(p -> tasks.assignedToDepartment(DepartmentRef.of("finance"), p)))).containsExactly(invoice.id(), audit.id());
    }

    @Test
    void assignedToUserListsOpenTasksByDueDateUndatedLast() {
        Task undated = tasks.create(NewTask.titled("A").assignTo(Assignee.user(UserRef.of("wang.wu"))));
        Task later = tasks.create(NewTask.titled("B").assignTo(Assignee.user(UserRef.of("wang.wu"))).due(today.plusDays(9)));
        Task sooner = tasks.create(NewTask.titled("C").assignTo(Assignee.userInDepartment(UserRef.of("wang.wu"), DepartmentRef.of("sales"))).due(today.plusDays(1)));
        Task done = tasks.create(NewTask.titled("D").assignTo(Assignee.user(UserRef.of("wang.wu"))));
        Task cancelled = tasks.create(NewTask.titled("E").assignTo(Assignee.user(UserRef.of("wang.wu"))));
        Task waiting = tasks.create(NewTask.titled("F").assignTo(Assignee.user(UserRef.of("wang.wu"))).due(today.plusDays(5)));
        tasks.create(NewTask.titled("G").assignTo(Assignee.user(UserRef.of("someone.else"))));
        tasks.transition(done.id(), TaskStatus.DONE, null);
        tasks.transition(cancelled.id(), TaskStatus.CANCELLED, null);
        tasks.transition(waiting.id(), TaskStatus.WAITING, null);

        assertThat(ids(Pages.all(p -> tasks.assignedToUser(UserRef.of("wang.wu"), p), 2)))
                .containsExactly(sooner.id(), waiting.id(), later.id(), undated.id());
        assertThat(Pages.all(p -> tasks.assignedToUser(UserRef.of("nobody"), p))).isEmpty();
    }

    @Test
    void overdueTasksAppearWhenTheClockPassesTheirDueDate() {
        Task due = tasks.create(NewTask.titled("A").due(today));
        Task dueLater = tasks.create(NewTask.titled("B").due(today.plusDays(3)));
        Task finished = tasks.create(NewTask.titled("C").due(today));
        tasks.create(NewTask.titled("D"));
        tasks.transition(finished.id(), TaskStatus.DONE, null);

        assertThat(Pages.all(tasks::overdue)).isEmpty();
        clock.advance(Duration.ofDays(1));
        assertThat(ids(Pages.all(tasks::overdue))).containsExactly(due.id());
        clock.advance(Duration.ofDays(3));
        assertThat(ids(Pages.all(tasks::overdue, 1))).containsExactly(due.id(), dueLater.id());
    }

    private static List<TaskId> ids(List<Task> list) {
        return list.stream().map(Task::id).toList();
    }
}
