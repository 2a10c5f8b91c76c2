package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.project.Milestone;
import io.crmkit.core.project.Project;
import io.crmkit.core.project.ProjectId;
import io.crmkit.core.project.ProjectTask;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.TaskId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.crmkit.core.project.ProjectRepository}: exact round trips with milestones, tasks (milestone,
 * weight, dependencies) in their order (Unicode, emoji, SQL metacharacters), the version rule of {@code update} with the
 * children replaced, and {@code list} by owner and department in id order across keyset pages.
 */
public abstract class ProjectRepositoryContract extends StorageContractSupport {
    protected static final Comparator<Project> ID_ORDER = byId(p -> p.id().value());
    private static final DepartmentRef MARKETING = DepartmentRef.of("市场部 😀");

    protected ProjectRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    private Project project(String name, UserRef owner, Optional<DepartmentRef> department) {
        return new Project(new ProjectId(data.uuid()), name, Optional.empty(), owner, department, List.of(), List.of(),
                data.now(), data.now(), 1);
    }

    private void insert(Project... projects) {
        write(r -> {
            for (Project p : projects) {
                r.projects().insert(p);
            }
        });
    }

    private Optional<Project> find(ProjectId id) {
        return readOne(r -> r.projects().findById(id));
    }

    @Test
    void roundTripWithMilestonesTasksAndText() {
        TaskId a = data.taskId();
        TaskId b = data.taskId();
        TaskId c = data.taskId();
        Project p = new Project(new ProjectId(data.uuid()), TestStrings.NASTY, Optional.of(TestStrings.QUOTES_AND_CONTROLS),
                UserRef.of("王五"), Optional.of(MARKETING),
                List.of(new Milestone("设计 '; --", Optional.of(data.today().plusDays(3))), new Milestone("发布 🚀", Optional.empty())),
                List.of(ProjectTask.of(c).inMilestone("发布 🚀").weighing(1000), ProjectTask.of(a),
                        ProjectTask.of(b).inMilestone("设计 '; --").weighing(3).dependingOn(a, c)),
                data.now(), data.now().plusSeconds(1), 7);
        Project bare = project("x", UserRef.of("li"), Optional.empty());
        insert(p, bare);
        assertThat(find(p.id())).contains(p);
        assertThat(find(p.id()).orElseThrow().tasks()).extracting(ProjectTask::taskId).containsExactly(c, a, b);
        assertThat(find(bare.id())).contains(bare);
        assertThat(find(new ProjectId(data.uuid()))).isEmpty();
        assertThatThrownBy(() -> insert(bare)).isInstanceOf(ConflictException.class);
    }

    @Test
    void updatesFollowTheVersionAndReplaceTheChildren() {
        Project p = project("p", UserRef.of("li"), Optional.of(MARKETING));
        insert(p);
        TaskId a = data.taskId();
        TaskId b = data.taskId();
        Project withTasks = p.addMilestone(new Milestone("m", Optional.of(data.today())), data.now().plusSeconds(1))
                .putTask(ProjectTask.of(a).inMilestone("m"), data.now().plusSeconds(1))
                .putTask(ProjectTask.of(b).dependingOn(a), data.now().plusSeconds(1));
        Project next = new Project(withTasks.id(), withTasks.name(), withTasks.description(), withTasks.owner(),
                withTasks.department(), withTasks.milestones(), withTasks.tasks(), withTasks.createdAt(),
                withTasks.updatedAt(), 2);
        write(r -> r.projects().update(next));
        assertThat(find(p.id())).contains(next);
        Project removed = next.removeTask(a, data.now().plusSeconds(2));
        write(r -> r.projects().update(removed));
        assertThat(find(p.id())).contains(removed);
        assertThat(find(p.id()).orElseThrow().tasks()).singleElement().satisfies(t -> assertThat(t.dependsOn()).isEmpty());
        assertThatThrownBy(() -> write(r -> r.projects().update(removed))).isInstanceOf(ConflictException.class);
        assertThat(find(p.id())).contains(removed);
        Project missing = project("y", UserRef.of("li"), Optional.empty()).addMilestone(new Milestone("z", Optional.empty()),
                data.now());
        assertThatThrownBy(() -> write(r -> r.projects().update(missing))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsByOwnerAndDepartmentInIdOrderOnEveryPageSize() {
        UserRef li = UserRef.of("li");
        List<Project> all = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            all.add(project("p" + i, i % 3 == 0 ? li : UserRef.of("u" + i),
                    i % 2 == 0 ? Optional.of(MARKETING) : Optional.empty()));
        }
        insert(all.toArray(Project[]::new));
        AccessScope scope = new AccessScope(false, Optional.of(li), Set.of(MARKETING), Set.of());
        List<Project> admitted = all.stream().filter(p -> p.owner().equals(li) || p.department().isPresent()).toList();
        for (int limit : PAGE_LIMITS) {
            assertThat(readAllPages(limit, (r, page) -> r.projects().list(scope, page))).as("limit %d", limit)
                    .containsExactlyElementsOf(sorted(admitted, ID_ORDER));
            assertThat(readAllPages(limit, (r, page) -> r.projects().list(AccessScope.everything(), page)))
                    .containsExactlyElementsOf(sorted(all, ID_ORDER));
        }
        assertThat(readAllPages(5, (r, page) -> r.projects().list(AccessScope.nothing(), page))).isEmpty();
        assertThat(readAllPages(5, (r, page) -> r.projects().list(
                new AccessScope(false, Optional.of(UserRef.of("nobody")), Set.of(), Set.of()), page))).isEmpty();
    }
}
