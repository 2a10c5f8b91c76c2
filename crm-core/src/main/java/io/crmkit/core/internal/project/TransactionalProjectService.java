package io.crmkit.core.internal.project;

import io.crmkit.core.Checks;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.project.BlockedTask;
import io.crmkit.core.project.Milestone;
import io.crmkit.core.project.NewProject;
import io.crmkit.core.project.Project;
import io.crmkit.core.project.ProjectEvent;
import io.crmkit.core.project.ProjectId;
import io.crmkit.core.project.ProjectProgress;
import io.crmkit.core.project.ProjectService;
import io.crmkit.core.project.ProjectTask;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Projects: each call one transaction, checked by the acting user's {@code Guard}; the tasks read through it. */
public final class TransactionalProjectService implements ProjectService {
    /** Task listings: by due date, undated last, then id; as the task lists of the task service. */
    private static final Comparator<Cursor.DateKey> BY_DUE = Comparator.comparing(Cursor.DateKey::date,
            Comparator.nullsLast(Comparator.<LocalDate>naturalOrder())).thenComparing(Cursor.DateKey::id);

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalProjectService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    @Override
    public Project create(NewProject in) {
        Objects.requireNonNull(in, "project");
        Checks checks = new Checks();
        String name = checks.required("name", in.name(), Project.MAX_NAME);
        String description = checks.multiline("description", in.description().orElse(null), Project.MAX_DESCRIPTION);
        checks.throwIfAny();
        Objects.requireNonNull(name, "name"); // null only with a violation
        UserRef owner = in.owner().orElse(actor.user());
        return engine.write(tx -> {
            guard.requireCreate(RecordKind.PROJECT, Optional.of(owner), in.department(), "a project");
            Project p = new Project(new ProjectId(Ids.uuid7(engine.clock())), name, Optional.ofNullable(description), owner,
                    in.department(), List.of(), List.of(), tx.now(), tx.now(), 1);
            tx.repos().projects().insert(p);
            tx.raise(new ProjectEvent.Created(p.id(), p.version(), tx.now(), actor.user()));
            return p;
        });
    }

    @Override
    public Optional<Project> get(ProjectId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(r -> r.projects().findById(id).filter(p -> guard.permits(p, Action.READ)));
    }

    @Override
    public Page<Project> list(PageRequest page) {
        Objects.requireNonNull(page, "page");
        AccessScope scope = guard.scope(RecordKind.PROJECT, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(r -> r.projects().list(scope, page));
    }

    @Override
    public Project addMilestone(ProjectId id, String name, @Nullable LocalDate dueDate) {
        Checks checks = new Checks();
        String n = checks.required("milestone.name", name, Milestone.MAX_NAME);
        checks.throwIfAny();
        Objects.requireNonNull(n, "name"); // null only with a violation
        return change(id, (p, tx) -> {
            if (p.milestone(n).isPresent()) {
                throw ValidationException.of("milestone.name", "taken", "the project has a milestone of that name");
            }
            if (p.milestones().size() >= Project.MAX_MILESTONES) {
                throw ValidationException.of("milestones", "too_many", "a project has at most " + Project.MAX_MILESTONES);
            }
            return p.addMilestone(new Milestone(n, Optional.ofNullable(dueDate)), tx.now());
        });
    }

    @Override
    public Project putTask(ProjectId id, ProjectTask task) {
        Objects.requireNonNull(task, "task");
        Checks checks = new Checks();
        checks.require(task.weight() >= 1 && task.weight() <= ProjectTask.MAX_WEIGHT, "task.weight", "range",
                "must be between 1 and " + ProjectTask.MAX_WEIGHT + " but was " + task.weight());
        checks.require(!task.dependsOn().contains(task.taskId()), "task.dependsOn", "self", "a task cannot wait for itself");
        checks.throwIfAny();
        return change(id, (p, tx) -> {
            Checks rules = new Checks();
            task.milestone().ifPresent(m -> rules.require(p.milestone(m).isPresent(), "task.milestone", "unknown",
                    "the project has no milestone of that name"));
            rules.require(task.dependsOn().stream().allMatch(d -> p.task(d).isPresent()), "task.dependsOn", "unknown",
                    "waits only for tasks of the project");
            rules.require(p.task(task.taskId()).isPresent() || p.tasks().size() < Project.MAX_TASKS, "tasks", "too_many",
                    "a project has at most " + Project.MAX_TASKS + " tasks");
            rules.throwIfAny();
            guard.require(tx.repos(), tx.repos().tasks().require(task.taskId()), Action.READ);
            Project changed = p.putTask(task, tx.now());
            if (leadsBack(changed, task.taskId())) {
                throw ValidationException.of("task.dependsOn", "cycle", "a dependency leads back to the task");
            }
            return changed;
        });
    }

    /** Whether following the dependencies from {@code start} reaches it again. */
    private static boolean leadsBack(Project p, TaskId start) {
        Deque<TaskId> todo = new ArrayDeque<>(p.task(start).map(ProjectTask::dependsOn).orElse(Set.of()));
        Set<TaskId> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            TaskId t = todo.pop();
            if (t.equals(start)) {
                return true;
            }
            if (seen.add(t)) {
                p.task(t).ifPresent(e -> todo.addAll(e.dependsOn()));
            }
        }
        return false;
    }

    @Override
    public Project removeTask(ProjectId id, TaskId task) {
        Objects.requireNonNull(task, "task");
        return change(id, (p, tx) -> {
            if (p.task(task).isEmpty()) {
                throw new io.crmkit.core.NotFoundException("project " + id + " has no task " + task);
            }
            return p.removeTask(task, tx.now());
        });
    }

    private Project change(ProjectId id, BiFunction<Project, Engine.Tx, Project> change) {
        Objects.requireNonNull(id, "id");
        return engine.change(r -> guard.require(r.projects().require(id), Action.EDIT), (p, tx) -> {
            Project changed = change.apply(p, tx);
            tx.raise(new ProjectEvent.Changed(id, changed.version(), tx.now(), actor.user()));
            return changed;
        }, (r, changed) -> r.projects().update(changed));
    }

    @Override
    public ProjectProgress progress(ProjectId id) {
        Loaded l = load(id);
        return ProjectRollups.progress(l.project(), l.tasks());
    }

    @Override
    public Page<Task> overdue(ProjectId id, PageRequest page) {
        Objects.requireNonNull(page, "page");
        LocalDate today = engine.today();
        Loaded l = load(id);
        return page(l.project().tasks().stream().map(e -> l.tasks().get(e.taskId())).filter(Objects::nonNull)
                .filter(t -> t.isOverdue(today)), Function.identity(), l.readable(), page);
    }

    @Override
    public Page<BlockedTask> blocked(ProjectId id, PageRequest page) {
        Objects.requireNonNull(page, "page");
        Loaded l = load(id);
        return page(l.project().tasks().stream().flatMap(e -> ProjectRollups.blocked(l.project(), e, l.tasks()).stream()),
                BlockedTask::task, l.readable(), page);
    }

    /** A project the actor may read, its tasks, and which of them the actor may read, from one unit of work. */
    private record Loaded(Project project, Map<TaskId, Task> tasks, Set<TaskId> readable) {
    }

    private Loaded load(ProjectId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(r -> {
            Project p = guard.require(r.projects().require(id), Action.READ);
            Map<TaskId, Task> tasks = new HashMap<>();
            Set<TaskId> readable = new HashSet<>();
            for (ProjectTask e : p.tasks()) {
                r.tasks().findById(e.taskId()).ifPresent(t -> {
                    tasks.put(t.id(), t);
                    if (guard.permits(r, t, Action.READ)) {
                        readable.add(t.id());
                    }
                });
            }
            return new Loaded(p, tasks, readable);
        });
    }

    /** Keyset paging over a project's tasks (at most {@link Project#MAX_TASKS}): by due date, undated last, then id. */
    private static <T> Page<T> page(Stream<T> items, Function<T, Task> task, Set<TaskId> readable, PageRequest page) {
        Function<T, Cursor.DateKey> key = i -> new Cursor.DateKey(task.apply(i).dueDate().orElse(null),
                task.apply(i).id().value());
        Stream<T> sorted = items.filter(i -> readable.contains(task.apply(i).id())).sorted(Comparator.comparing(key, BY_DUE));
        if (page.cursor().isPresent()) {
            Cursor.DateKey after = Cursor.dateKey(page.cursor().get());
            sorted = sorted.filter(i -> BY_DUE.compare(key.apply(i), after) > 0);
        }
        return Cursor.page(sorted.limit(page.limit() + 1L).toList(), page.limit(), key);
    }
}
