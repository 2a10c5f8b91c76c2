package io.crmkit.core.project;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import io.crmkit.core.task.TaskStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Projects: milestones, tasks across departments, progress roll-up, overdue and blocked tasks, access. */
class ProjectServiceTest {
    private static final DepartmentRef MARKETING = DepartmentRef.of("市场部");
    private static final DepartmentRef SALES = DepartmentRef.of("销售部");
    private static final Actor LI = new Actor(UserRef.of("li"), Set.of("staff"), Set.of(MARKETING));
    private static final Actor WANG = new Actor(UserRef.of("wang"), Set.of("staff"), Set.of(SALES));
    private static final Actor CHEN = new Actor(UserRef.of("chen"), Set.of("staff"), Set.of(MARKETING));
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .grantAll("staff", AccessLevel.DEPARTMENT, RecordKind.PROJECT, RecordKind.TASK)
            .build();
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 10);

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Crm crm = TestCrm.builder(clock).access(POLICY).build();
    private final ProjectService li = crm.as(LI).projects();

    @AfterEach
    void close() {
        crm.close();
    }

    private Project project() {
        return li.create(NewProject.named("  新品上市 🚀 '; DROP TABLE projects; -- ").description("第一季度\n全国").department(MARKETING));
    }

    private Task task(String title, DepartmentRef department, LocalDate due) {
        return crm.tasks().create(NewTask.titled(title).assignTo(Assignee.department(department)).due(due));
    }

    @Test
    void createdWithItsFieldsAndTheActorAsOwner() {
        Project p = project();
        assertThat(p.name()).isEqualTo("新品上市 🚀 '; DROP TABLE projects; --");
        assertThat(p.description()).contains("第一季度\n全国");
        assertThat(p.owner()).isEqualTo(LI.user());
        assertThat(p.department()).contains(MARKETING);
        assertThat(p.version()).isEqualTo(1);
        assertThat(li.get(p.id())).contains(p);
    }

    @Test
    void badInputIsRefusedWithEveryViolationAndNothingWritten() {
        assertThat(violationsOf(() -> li.create(NewProject.named(" ").description("x".repeat(Project.MAX_DESCRIPTION + 1)))))
                .containsExactlyInAnyOrder("name:required", "description:too_long");
        assertThat(li.list(PageRequest.first(10)).items()).isEmpty();
        Project p = project();
        Task t = task("a", MARKETING, TODAY);
        assertThat(violationsOf(() -> li.putTask(p.id(), ProjectTask.of(t.id()).weighing(0).dependingOn(t.id()))))
                .containsExactlyInAnyOrder("task.weight:range", "task.dependsOn:self");
        assertThat(violationsOf(() -> li.putTask(p.id(), ProjectTask.of(t.id()).inMilestone("无"))))
                .containsExactly("task.milestone:unknown");
        assertThat(violationsOf(() -> li.putTask(p.id(), ProjectTask.of(t.id()).dependingOn(new TaskId(java.util.UUID.randomUUID())))))
                .containsExactly("task.dependsOn:unknown");
        li.addMilestone(p.id(), "设计", TODAY);
        assertThat(violationsOf(() -> li.addMilestone(p.id(), "设计", null))).containsExactly("milestone.name:taken");
        assertThat(violationsOf(() -> li.addMilestone(p.id(), "\u0000", null))).containsExactly("milestone.name:control_character");
        assertThat(li.require(p.id()).version()).isEqualTo(2);
        assertThatThrownBy(() -> li.putTask(p.id(), ProjectTask.of(new TaskId(java.util.UUID.randomUUID()))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void progressRollsUpPerMilestoneAndProjectByCountWeightAndTaskProgress() {
        Project p = project();
        li.addMilestone(p.id(), "设计", TODAY.plusDays(5));
        li.addMilestone(p.id(), "发布", TODAY.plusDays(20));
        Task a = task("a", MARKETING, TODAY);
        Task b = task("b", SALES, TODAY);
        Task c = task("c", SALES, TODAY);
        Task d = task("d", MARKETING, TODAY);
        li.putTask(p.id(), ProjectTask.of(a.id()).inMilestone("设计").weighing(3));
        crm.projects().putTask(p.id(), ProjectTask.of(b.id()).inMilestone("设计")); // li may not read sales tasks
        crm.projects().putTask(p.id(), ProjectTask.of(c.id()).inMilestone("发布").weighing(4));
        li.putTask(p.id(), ProjectTask.of(d.id()));
        crm.tasks().transition(a.id(), TaskStatus.DONE, null);
        crm.tasks().progress(c.id(), 50);
        crm.tasks().transition(d.id(), TaskStatus.CANCELLED, null);

        ProjectProgress progress = li.progress(p.id());
        assertThat(progress.project()).isEqualTo(new ProjectProgress.Rollup(3, 1, 8, 3, (3 * 100 + 4 * 50) / 8));
        assertThat(progress.project().percentDone()).isEqualTo(33);
        assertThat(progress.project().percentDoneWeighted()).isEqualTo(37);
        assertThat(progress.milestones()).extracting(m -> m.milestone().name(), m -> m.progress())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("设计", new ProjectProgress.Rollup(2, 1, 4, 3, 75)),
                        org.assertj.core.groups.Tuple.tuple("发布", new ProjectProgress.Rollup(1, 0, 4, 0, 50)));

        li.removeTask(p.id(), a.id());
        assertThat(li.progress(p.id()).project()).isEqualTo(new ProjectProgress.Rollup(2, 0, 5, 0, 40));
    }

    @Test
    void overdueTasksAreListedByDueDateAcrossPages() {
        Project p = project();
        List<TaskId> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Task t = task("t" + i, i % 2 == 0 ? MARKETING : SALES, TODAY.minusDays(5 - i));
            crm.projects().putTask(p.id(), ProjectTask.of(t.id()));
            expected.add(t.id());
        }
        Task notYet = task("later", MARKETING, TODAY);
        Task done = task("done", MARKETING, TODAY.minusDays(9));
        li.putTask(p.id(), ProjectTask.of(notYet.id()));
        li.putTask(p.id(), ProjectTask.of(done.id()));
        crm.tasks().transition(done.id(), TaskStatus.DONE, null);

        List<TaskId> paged = new ArrayList<>();
        PageRequest page = PageRequest.first(2);
        while (true) {
            Page<Task> got = crm.projects().overdue(p.id(), page);
            got.items().forEach(t -> paged.add(t.id()));
            if (!got.hasNext()) {
                break;
            }
            page = page.next(got).orElseThrow();
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(li.overdue(p.id(), PageRequest.first(10)).items()).extracting(Task::id)
                .as("li sees the marketing tasks only").containsExactly(expected.get(0), expected.get(2), expected.get(4));
    }

    @Test
    void aTaskIsBlockedWhileWaitingOrWhileATaskItDependsOnIsNotDone() {
        Project p = project();
        Task design = task("设计", MARKETING, TODAY.plusDays(1));
        Task print = task("印刷", MARKETING, TODAY.plusDays(2));
        Task ship = task("发货", MARKETING, TODAY.plusDays(3));
        li.putTask(p.id(), ProjectTask.of(design.id()));
        li.putTask(p.id(), ProjectTask.of(print.id()).dependingOn(design.id()));
        li.putTask(p.id(), ProjectTask.of(ship.id()).dependingOn(print.id(), design.id()));
        crm.tasks().transition(design.id(), TaskStatus.WAITING, "等客户确认 ✅");

        assertThat(li.blocked(p.id(), PageRequest.first(10)).items()).satisfiesExactly(
                b -> {
                    assertThat(b.task().id()).isEqualTo(design.id());
                    assertThat(b.waiting()).isTrue();
                    assertThat(b.reason()).contains("等客户确认 ✅");
                    assertThat(b.waitingFor()).isEmpty();
                },
                b -> assertThat(b.waitingFor()).containsExactly(design.id()),
                b -> assertThat(b.waitingFor()).containsExactly(design.id(), print.id()));

        crm.tasks().transition(design.id(), TaskStatus.DONE, null);
        assertThat(li.blocked(p.id(), PageRequest.first(10)).items()).singleElement().satisfies(b -> {
            assertThat(b.task().id()).isEqualTo(ship.id());
            assertThat(b.waiting()).isFalse();
            assertThat(b.waitingFor()).containsExactly(print.id());
        });
        assertThat(violationsOf(() -> li.putTask(p.id(), ProjectTask.of(design.id()).dependingOn(ship.id()))))
                .containsExactly("task.dependsOn:cycle");
        li.removeTask(p.id(), print.id());
        assertThat(li.require(p.id()).task(ship.id()).orElseThrow().dependsOn()).containsExactly(design.id());
        assertThat(li.blocked(p.id(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aProjectIsSeenAndChangedByItsDepartmentOnly() {
        Project p = project();
        Task salesTask = task("报价", SALES, TODAY.minusDays(1));
        crm.projects().putTask(p.id(), ProjectTask.of(salesTask.id()));

        assertThat(crm.as(CHEN).projects().get(p.id())).contains(li.require(p.id()));
        assertThat(crm.projects().overdue(p.id(), PageRequest.first(10)).items()).extracting(Task::id)
                .containsExactly(salesTask.id());
        assertThat(crm.as(WANG).projects().get(p.id())).isEmpty();
        assertThat(crm.as(WANG).projects().list(PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.as(CHEN).projects().list(PageRequest.first(10)).items()).extracting(Project::id).containsExactly(p.id());
        assertThatThrownBy(() -> crm.as(WANG).projects().addMilestone(p.id(), "x", null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.as(WANG).projects().progress(p.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.as(WANG).projects().create(NewProject.named("x").owner(LI.user()).department(MARKETING)))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(crm.as(WANG).access().can(Action.READ, RecordKind.PROJECT, p.id().value())).isFalse();
        assertThat(crm.as(CHEN).access().can(Action.EDIT, RecordKind.PROJECT, p.id().value())).isTrue();
        // li may not read the sales task: it is counted but not listed, and li cannot add such a task
        assertThat(li.progress(p.id()).project().total()).isEqualTo(1);
        assertThat(li.overdue(p.id(), PageRequest.first(10)).items()).isEmpty();
        Task other = task("另一个", SALES, TODAY);
        assertThatThrownBy(() -> li.putTask(p.id(), ProjectTask.of(other.id()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void concurrentChangesLoseNothingOrAreRefusedAsConflicts() throws Exception {
        Project p = project();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(task("并发 " + i, MARKETING, TODAY));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (Task t : tasks) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    li.putTask(p.id(), ProjectTask.of(t.id()));
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int added = 0;
        for (Future<Boolean> f : results) {
            added += f.get() ? 1 : 0;
        }
        pool.shutdown();
        Project stored = li.require(p.id());
        assertThat(added).isPositive(); // one writer at least wins a version
        assertThat(stored.tasks()).hasSize(added);
        assertThat(stored.version()).isEqualTo(1 + added);
    }
}
