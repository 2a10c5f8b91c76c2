package io.crmkit.core.project;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.TaskId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A project: a name, an owner user and maybe a department (who may see and change it), milestones, and the tasks it
 * groups, which may be assigned to any department. Immutable; behaviour methods return the changed project with the
 * next version. The rules on what may be added (unique names, known milestones, dependencies within the project,
 * no cycles) are checked by the project service.
 */
public final class Project {
    /** Longest name, in characters (code points). */
    public static final int MAX_NAME = 200;
    /** Longest description, in characters. */
    public static final int MAX_DESCRIPTION = 10_000;
    /** Most milestones of one project. */
    public static final int MAX_MILESTONES = 100;
    /** Most tasks of one project. */
    public static final int MAX_TASKS = 1_000;

    private final ProjectId id;
    private final String name;
    private final @Nullable String description;
    private final UserRef owner;
    private final @Nullable DepartmentRef department;
    private final List<Milestone> milestones;
    private final List<ProjectTask> tasks;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    /** For adapters and the project service. */
    public Project(ProjectId id, String name, Optional<String> description, UserRef owner,
                   Optional<DepartmentRef> department, List<Milestone> milestones, List<ProjectTask> tasks,
                   Instant createdAt, Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.description = description.orElse(null);
        this.owner = Objects.requireNonNull(owner, "owner");
        this.department = department.orElse(null);
        this.milestones = List.copyOf(milestones);
        this.tasks = List.copyOf(tasks);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    private Project with(List<Milestone> milestones, List<ProjectTask> tasks, Instant at) {
        return new Project(id, name, description(), owner, department(), milestones, tasks, createdAt, at, version + 1);
    }

    /** Adds a milestone at the end. */
    public Project addMilestone(Milestone milestone, Instant at) {
        List<Milestone> m = new ArrayList<>(milestones);
        m.add(milestone);
        return with(m, tasks, at);
    }

    /** Adds a task, or replaces the entry of a task already in the project (its milestone, weight, dependencies). */
    public Project putTask(ProjectTask task, Instant at) {
        List<ProjectTask> t = new ArrayList<>(tasks);
        int i = indexOf(task.taskId());
        if (i < 0) {
            t.add(task);
        } else {
            t.set(i, task);
        }
        return with(milestones, t, at);
    }

    /** Removes a task, and the dependencies of the others on it. */
    public Project removeTask(TaskId task, Instant at) {
        List<ProjectTask> t = new ArrayList<>();
        for (ProjectTask p : tasks) {
            if (!p.taskId().equals(task)) {
                List<TaskId> deps = p.dependsOn().stream().filter(d -> !d.equals(task)).toList();
                t.add(new ProjectTask(p.taskId(), p.milestone(), p.weight(), java.util.Set.copyOf(deps)));
            }
        }
        return with(milestones, t, at);
    }

    /** The entry of a task in this project. */
    public Optional<ProjectTask> task(TaskId task) {
        int i = indexOf(task);
        return i < 0 ? Optional.empty() : Optional.of(tasks.get(i));
    }

    public Optional<Milestone> milestone(String name) {
        return milestones.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    private int indexOf(TaskId task) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).taskId().equals(task)) {
                return i;
            }
        }
        return -1;
    }

    public ProjectId id() { return id; }
    public String name() { return name; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public UserRef owner() { return owner; }
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
    /** The milestones, in the order they were added. */
    public List<Milestone> milestones() { return milestones; }
    /** The tasks, in the order they were added. */
    public List<ProjectTask> tasks() { return tasks; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Project p && p.id.equals(id) && p.version == version && p.name.equals(name)
                && Objects.equals(p.description, description) && p.owner.equals(owner)
                && Objects.equals(p.department, department) && p.milestones.equals(milestones)
                && p.tasks.equals(tasks) && p.createdAt.equals(createdAt) && p.updatedAt.equals(updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Project[id=" + id + ", name=" + name + ", tasks=" + tasks.size() + ", version=" + version + "]";
    }
}
