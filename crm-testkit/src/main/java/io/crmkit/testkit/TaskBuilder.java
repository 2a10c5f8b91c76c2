package io.crmkit.testkit;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.Assignment;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskComment;
import io.crmkit.core.task.TaskId;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Task} for tests; start one with {@link TestData#task(String)}.
 * {@link #assignee(Assignee)} and {@link #status(TaskStatus)} set the current values without history;
 * {@link #assign}, {@link #change} and {@link #comment} append to the histories. Not thread-safe.
 */
public final class TaskBuilder {
    private TaskId id;
    private String title;
    private @Nullable String description;
    private @Nullable CustomerId customerId;
    private @Nullable RequirementId requirementId;
    private @Nullable Assignee assignee;
    private String creatorId = "agent-1";
    private @Nullable LocalDate dueDate;
    private Priority priority = Priority.NORMAL;
    private TaskStatus status = TaskStatus.NOT_STARTED;
    private int progress;
    private final List<TaskComment> comments = new ArrayList<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private final List<StatusChange<TaskStatus>> statusHistory = new ArrayList<>();
    private Instant createdAt;
    private Instant updatedAt;
    private long version = 1;

    TaskBuilder(TaskId id, String title, Instant now) {
        this.id = id;
        this.title = title;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public TaskBuilder id(TaskId id) { this.id = id; return this; }
    public TaskBuilder title(String title) { this.title = title; return this; }
    public TaskBuilder description(@Nullable String description) { this.description = description; return this; }
    public TaskBuilder customer(@Nullable CustomerId customerId) { this.customerId = customerId; return this; }
    public TaskBuilder requirement(@Nullable RequirementId requirementId) { this.requirementId = requirementId; return this; }
    public TaskBuilder assignee(@Nullable Assignee assignee) { this.assignee = assignee; return this; }
    public TaskBuilder creator(String creatorId) { this.creatorId = creatorId; return this; }
    public TaskBuilder dueDate(@Nullable LocalDate dueDate) { this.dueDate = dueDate; return this; }
    public TaskBuilder priority(Priority priority) { this.priority = priority; return this; }
    public TaskBuilder status(TaskStatus status) { this.status = status; return this; }
    public TaskBuilder progress(int progress) { this.progress = progress; return this; }
    public TaskBuilder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
    public TaskBuilder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
    public TaskBuilder version(long version) { this.version = version; return this; }

    /** Appends an assignment to the history and makes {@code to} the current assignee. */
    public TaskBuilder assign(Assignee to, String byActorId, Instant at, @Nullable String note) {
        assignments.add(new Assignment(to, UserRef.of(byActorId), at, Optional.ofNullable(note)));
        this.assignee = to;
        return this;
    }

    /** Appends a status change to the history and moves the status to {@code to}. */
    public TaskBuilder change(TaskStatus from, TaskStatus to, String actorId, Instant at, @Nullable String comment) {
        statusHistory.add(new StatusChange<>(from, to, UserRef.of(actorId), at, Optional.ofNullable(comment)));
        this.status = to;
        return this;
    }

    /** Appends a comment. */
    public TaskBuilder comment(String authorId, Instant at, String text) {
        comments.add(new TaskComment(UserRef.of(authorId), at, text));
        return this;
    }

    public Task build() {
        return new Task(id, title, Optional.ofNullable(description), Optional.ofNullable(customerId),
                Optional.ofNullable(requirementId), Optional.ofNullable(assignee), UserRef.of(creatorId),
                Optional.ofNullable(dueDate), priority, status, progress, comments, assignments, statusHistory,
                createdAt, updatedAt, version);
    }
}
