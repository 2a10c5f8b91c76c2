package io.crmkit.testkit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.Priority;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static io.crmkit.testkit.StoredAssertions.assertSameTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link io.crmkit.core.task.TaskRepository}: exact round trips with comments,
 * assignments and status history, the version rule of {@code update}, and the open-task lists by user,
 * by department and overdue, ordered by due date (undated last), then id, in keyset pages.
 */
public abstract class TaskRepositoryContract extends StorageContractSupport {
    /** The order of the open-task lists: due date ascending with undated last, then id. */
    protected static final Comparator<Task> OPEN_ORDER = Comparator
            .comparing((Task t) -> t.dueDate().orElse(null), Comparator.nullsLast(Comparator.<LocalDate>naturalOrder()))
            .thenComparing(t -> t.id().value(), Uuid7.ORDER);
    private static final int MAX = PageRequest.MAX_LIMIT;

    private Customer customer;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected TaskRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    @BeforeEach
    void customer() {
        customer = data.person("客户").build();
        write(r -> r.customers().insert(customer));
    }

    private void insert(Task... tasks) {
        write(r -> {
            for (Task t : tasks) {
                r.tasks().insert(t);
            }
        });
    }

    private Optional<Task> find(TaskId id) {
        return read(r -> r.tasks().findById(id));
    }

    private Task stored(TaskId id) {
        return find(id).orElseThrow(() -> new AssertionError("task " + id + " is not stored"));
    }

    private static List<UUID> idsOf(List<Task> tasks) {
        return ids(tasks, t -> t.id().value());
    }

    private static UUID id(Task t) {
        return t.id().value();
    }

    @Test
    void insertedTaskReadsBackWithCommentsAssignmentsAndHistory() {
        var t = data.now();
        Task full = data.task("准备报价单 " + TestStrings.EMOJI + TestStrings.SQL_INJECTION)
                .description(TestStrings.tenKilobytes())
                .customer(customer.id())
                .requirement(data.requirementId())
                .creator("经理")
                .dueDate(LocalDate.of(2025, 3, 31))
                .priority(Priority.HIGH)
                .progress(40)
                .assign(Assignee.department(DepartmentRef.of("销售部")), "经理", t.plusSeconds(1), "先给部门")
                .assign(Assignee.userInDepartment(UserRef.of("u1"), DepartmentRef.of("销售部")), "经理", t.plusNanos(2_000_001_000L), null)
                .assign(Assignee.user(UserRef.of("u2")), "u1", t.plusSeconds(3), TestStrings.NASTY)
                .change(TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, "u1", t.plusSeconds(4), null)
                .change(TaskStatus.IN_PROGRESS, TaskStatus.WAITING, "u2", t.plusSeconds(5), "等待客户回复")
                .comment("u1", t.plusSeconds(6), TestStrings.tenKilobytes())
                .comment("u2", t.plusSeconds(7), TestStrings.LIKE_METACHARACTERS + TestStrings.EMOJI)
                .updatedAt(t.plusSeconds(7))
                .version(8)
                .build();
        Task minimal = data.task("t").build();
        insert(full, minimal);

        assertSameTask(stored(full.id()), full);
        assertSameTask(stored(minimal.id()), minimal);
    }

    @Test
    void findByIdOfUnknownTaskIsEmpty() {
        insert(data.task("t").build());

        assertThat(find(data.taskId())).isEmpty();
    }

    @Test
    void insertWithExistingIdConflictsAndKeepsTheStoredTask() {
        Task first = data.task("first").build();
        insert(first);
        Task again = data.task("again").id(first.id()).build();

        assertThatThrownBy(() -> insert(again)).isInstanceOf(ConflictException.class);
        assertSameTask(stored(first.id()), first);
    }

    @Test
    void updateReplacesTheTaskWithItsHistories() {
        Task v1 = data.task("t").assign(Assignee.user(UserRef.of("u1")), "boss", data.now(), null).build();
        insert(v1);
        data.clock().advance(Duration.ofMinutes(1));
        Task v2 = v1.progress(30, UserRef.of("u1"), data.now());
        write(r -> r.tasks().update(v2));
        data.clock().advance(Duration.ofMinutes(1));
        Task v3 = v2.comment(UserRef.of("u1"), data.now(), "进展 " + TestStrings.EMOJI);
        write(r -> r.tasks().update(v3));
        data.clock().advance(Duration.ofMinutes(1));
        Task v4 = v3.reassign(Assignee.department(DepartmentRef.of("客服部")), UserRef.of("boss"), data.now(), Optional.of("转交"));
        write(r -> r.tasks().update(v4));
        data.clock().advance(Duration.ofMinutes(1));
        Task v5 = v4.transition(TaskStatus.DEFAULT_WORKFLOW, TaskStatus.DONE, UserRef.of("u3"), data.now(), Optional.of("完成"));
        write(r -> r.tasks().update(v5));

        Task back = stored(v1.id());
        assertSameTask(back, v5);
        assertThat(back.comments()).hasSize(1);
        assertThat(back.assignments()).hasSize(2);
        assertThat(back.statusHistory()).extracting(s -> s.to()).containsExactly(TaskStatus.IN_PROGRESS, TaskStatus.DONE);
    }

    @Test
    void updateWithWrongVersionConflictsAndChangesNothing() {
        Task v1 = data.task("t").build();
        insert(v1);
        Task v2 = v1.comment(UserRef.of("u1"), data.now(), "first");
        write(r -> r.tasks().update(v2));
        Task staleV2 = v1.comment(UserRef.of("u2"), data.now(), "lost");
        Task skipping = v2.comment(UserRef.of("u2"), data.now(), "x").comment(UserRef.of("u2"), data.now(), "y");

        assertThatThrownBy(() -> write(r -> r.tasks().update(staleV2))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(r -> r.tasks().update(skipping))).isInstanceOf(ConflictException.class);
        assertSameTask(stored(v1.id()), v2);
    }

    @Test
    void updateOfUnknownTaskThrowsNotFound() {
        Task ghost = data.task("ghost").version(2).build();

        assertThatThrownBy(() -> write(r -> r.tasks().update(ghost))).isInstanceOf(NotFoundException.class);
        assertThat(find(ghost.id())).isEmpty();
    }

    @Test
    void openByUserListsOpenTasksOfTheUserByDueDateUndatedLastThenId() {
        LocalDate d = LocalDate.of(2025, 3, 10);
        Task undated1 = data.task("undated1").assignee(Assignee.user(UserRef.of("u1"))).build();
        Task late = data.task("late").assignee(Assignee.user(UserRef.of("u1"))).dueDate(d.plusDays(9)).status(TaskStatus.WAITING).build();
        Task early = data.task("early").assignee(Assignee.userInDepartment(UserRef.of("u1"), DepartmentRef.of("销售部"))).dueDate(d)
                .status(TaskStatus.IN_PROGRESS).build();
        Task undated2 = data.task("undated2").assignee(Assignee.user(UserRef.of("u1"))).build();
        Task sameDayAsEarly = data.task("same").assignee(Assignee.user(UserRef.of("u1"))).dueDate(d).build();
        Task done = data.task("done").assignee(Assignee.user(UserRef.of("u1"))).dueDate(d).status(TaskStatus.DONE).build();
        Task cancelled = data.task("cancelled").assignee(Assignee.user(UserRef.of("u1"))).status(TaskStatus.CANCELLED).build();
        Task othersOwn = data.task("other").assignee(Assignee.user(UserRef.of("u2"))).dueDate(d).build();
        Task departmentOnly = data.task("dept").assignee(Assignee.department(DepartmentRef.of("u1"))).dueDate(d).build();
        Task unassigned = data.task("unassigned").build();
        insert(undated2, done, late, othersOwn, undated1, cancelled, sameDayAsEarly, early, departmentOnly, unassigned);

        assertThat(idsOf(readAllPages(MAX, (r, p) -> r.tasks().openByUser(UserRef.of("u1"), AccessScope.everything(), p))))
                .containsExactly(id(early), id(sameDayAsEarly), id(late), id(undated1), id(undated2));
        assertThat(idsOf(readAllPages(MAX, (r, p) -> r.tasks().openByUser(UserRef.of("nobody"), AccessScope.everything(), p)))).isEmpty();
    }

    @Test
    void openByDepartmentListsOpenTasksOfTheDepartmentIncludingItsUsers() {
        LocalDate d = LocalDate.of(2025, 3, 10);
        Task toDept = data.task("dept").assignee(Assignee.department(DepartmentRef.of("销售部"))).build();
        Task toUserInDept = data.task("user in dept").assignee(Assignee.userInDepartment(UserRef.of("u1"), DepartmentRef.of("销售部")))
                .dueDate(d).build();
        Task toOtherDept = data.task("other dept").assignee(Assignee.department(DepartmentRef.of("客服部"))).dueDate(d).build();
        Task toUserOnly = data.task("user").assignee(Assignee.user(UserRef.of("销售部"))).dueDate(d).build();
        Task doneInDept = data.task("done").assignee(Assignee.department(DepartmentRef.of("销售部"))).status(TaskStatus.DONE).build();
        insert(toDept, toUserInDept, toOtherDept, toUserOnly, doneInDept);

        assertThat(idsOf(readAllPages(MAX, (r, p) -> r.tasks().openByDepartment(DepartmentRef.of("销售部"), AccessScope.everything(), p))))
                .containsExactly(id(toUserInDept), id(toDept));
        assertThat(idsOf(readAllPages(MAX, (r, p) -> r.tasks().openByDepartment(DepartmentRef.of("客服部"), AccessScope.everything(), p))))
                .containsExactly(id(toOtherDept));
    }

    @Test
    void overdueListsOpenTasksDueBeforeTodayByDueDateThenId() {
        LocalDate today = LocalDate.of(2025, 3, 10);
        Task dueToday = data.task("today").dueDate(today).build();
        Task lateB = data.task("b").dueDate(today.minusDays(1)).assignee(Assignee.user(UserRef.of("u1"))).build();
        Task lateA = data.task("a").dueDate(today.minusDays(20)).status(TaskStatus.WAITING).build();
        Task lateC = data.task("c").dueDate(today.minusDays(1)).status(TaskStatus.IN_PROGRESS).build();
        Task lateDone = data.task("done").dueDate(today.minusDays(3)).status(TaskStatus.DONE).build();
        Task lateCancelled = data.task("cancelled").dueDate(today.minusDays(3)).status(TaskStatus.CANCELLED).build();
        Task undated = data.task("undated").build();
        insert(lateC, undated, lateDone, dueToday, lateB, lateCancelled, lateA);

        assertThat(idsOf(readAllPages(MAX, (r, p) -> r.tasks().overdue(today, AccessScope.everything(), p))))
                .containsExactly(id(lateA), id(lateB), id(lateC));
    }

    @Test
    void openListsPageOverEachTaskOnceAcrossDatedAndUndated() {
        LocalDate today = LocalDate.of(2025, 3, 10);
        List<Task> all = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            LocalDate due = i % 3 == 0 ? null : today.minusDays(i % 4);
            all.add(data.task("t" + i).assignee(Assignee.userInDepartment(UserRef.of("u1"), DepartmentRef.of("d1"))).dueDate(due).build());
        }
        List<Task> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(9));
        insert(shuffled.toArray(Task[]::new));
        List<UUID> openOrder = idsOf(sorted(all, OPEN_ORDER));
        List<UUID> overdueOrder = idsOf(sorted(all.stream().filter(t -> t.isOverdue(today)).toList(), OPEN_ORDER));

        for (int limit : PAGE_LIMITS) {
            assertThat(idsOf(readAllPages(limit, (r, p) -> r.tasks().openByUser(UserRef.of("u1"), AccessScope.everything(), p))))
                    .as("openByUser, limit %d", limit).containsExactlyElementsOf(openOrder);
            assertThat(idsOf(readAllPages(limit, (r, p) -> r.tasks().openByDepartment(DepartmentRef.of("d1"), AccessScope.everything(), p))))
                    .as("openByDepartment, limit %d", limit).containsExactlyElementsOf(openOrder);
            assertThat(idsOf(readAllPages(limit, (r, p) -> r.tasks().overdue(today, AccessScope.everything(), p))))
                    .as("overdue, limit %d", limit).containsExactlyElementsOf(overdueOrder);
        }
    }
}
