package io.crmkit.core.task;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.core.workflow.Workflow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A piece of work for a user or a department, possibly about a customer or a need. Immutable;
 * behaviour methods return the changed task with the next version.
 */
public final class Task {
    /** Longest title, in characters (code points). */
    public static final int MAX_TITLE = 200;
    /** Longest description or comment, in characters. */
    public static final int MAX_TEXT = 10_000;

    private final TaskId id;
    private final String title;
    private final @Nullable String description;
    private final @Nullable CustomerId customerId;
    private final @Nullable RequirementId requirementId;
    private final @Nullable Assignee assignee;
    private final UserRef creator;
    private final @Nullable LocalDate dueDate;
    private final Priority priority;
    private final TaskStatus status;
    private final int progress;
    private final List<TaskComment> comments;
    private final List<Assignment> assignments;
    private final List<StatusChange<TaskStatus>> statusHistory;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    /** For adapters and the task service; validation happens in the service. */
    public Task(TaskId id, String title, Optional<String> description, Optional<CustomerId> customerId,
                Optional<RequirementId> requirementId, Optional<Assignee> assignee, UserRef creator,
                Optional<LocalDate> dueDate, Priority priority, TaskStatus status, int progress,
                List<TaskComment> comments, List<Assignment> assignments, List<StatusChange<TaskStatus>> statusHistory,
                Instant createdAt, Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.description = description.orElse(null);
        this.customerId = customerId.orElse(null);
        this.requirementId = requirementId.orElse(null);
        this.assignee = assignee.orElse(null);
        this.creator = Objects.requireNonNull(creator, "creator");
        this.dueDate = dueDate.orElse(null);
        this.priority = Objects.requireNonNull(priority, "priority");
        this.status = Objects.requireNonNull(status, "status");
        if (progress < 0 || progress > 100) {
            throw new IllegalArgumentException("progress must be 0..100: " + progress);
        }
        this.progress = progress;
        this.comments = List.copyOf(comments);
        this.assignments = List.copyOf(assignments);
        this.statusHistory = List.copyOf(statusHistory);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    private Task with(Optional<Assignee> assignee, TaskStatus status, int progress, List<TaskComment> comments,
                      List<Assignment> assignments, List<StatusChange<TaskStatus>> statusHistory, Instant at) {
        return new Task(id, title, description(), customerId(), requirementId(), assignee, creator, dueDate(),
                priority, status, progress, comments, assignments, statusHistory, createdAt, at, version + 1);
    }

    /** Hands the task over, keeping the previous assignments in {@link #assignments()}. */
    public Task reassign(Assignee to, UserRef actor, Instant at, Optional<String> note) {
        List<Assignment> a = new ArrayList<>(assignments);
        a.add(new Assignment(to, actor, at, note));
        return with(Optional.of(to), status, progress, comments, a, statusHistory, at);
    }

    /**
     * Moves the task to another status; DONE sets progress to 100.
     *
     * @throws io.crmkit.core.InvalidTransitionException if the workflow forbids it
     */
    public Task transition(Workflow<TaskStatus> workflow, TaskStatus to, UserRef actor, Instant at,
                           Optional<String> comment) {
        workflow.check(status, to, "task " + id);
        List<StatusChange<TaskStatus>> h = new ArrayList<>(statusHistory);
        h.add(new StatusChange<>(status, to, actor, at, comment));
        return with(assignee(), to, to == TaskStatus.DONE ? 100 : progress, comments, assignments, h, at);
    }

    /** Records progress (0 to 100); progress on a task not started yet also starts it. */
    public Task progress(int percent, UserRef actor, Instant at) {
        if (status == TaskStatus.NOT_STARTED && percent > 0) {
            return transition(TaskStatus.DEFAULT_WORKFLOW, TaskStatus.IN_PROGRESS, actor, at, Optional.empty())
                    .withProgress(percent);
        }
        return with(assignee(), status, percent, comments, assignments, statusHistory, at);
    }

    private Task withProgress(int percent) {
        return new Task(id, title, description(), customerId(), requirementId(), assignee(), creator, dueDate(),
                priority, status, percent, comments, assignments, statusHistory, createdAt, updatedAt, version);
    }

    public Task comment(UserRef author, Instant at, String text) {
        List<TaskComment> c = new ArrayList<>(comments);
        c.add(new TaskComment(author, at, text));
        return with(assignee(), status, progress, c, assignments, statusHistory, at);
    }

    /** Whether it is open and its due date is before {@code today}. */
    /** The same record belonging to another customer, at the next version: a merge's change (and an unmerge's). */
    public Task withCustomer(CustomerId to) {
        return new Task(id, title, description(), Optional.of(to), requirementId(), assignee(), creator, dueDate(),
                priority, status, progress, comments, assignments, statusHistory, createdAt, updatedAt, version + 1);
    }

    public boolean isOverdue(LocalDate today) {
        return status.isOpen() && dueDate != null && dueDate.isBefore(today);
    }

    public TaskId id() { return id; }
    public String title() { return title; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Optional<CustomerId> customerId() { return Optional.ofNullable(customerId); }
    public Optional<RequirementId> requirementId() { return Optional.ofNullable(requirementId); }
    public Optional<Assignee> assignee() { return Optional.ofNullable(assignee); }
    public UserRef creator() { return creator; }
    public Optional<LocalDate> dueDate() { return Optional.ofNullable(dueDate); }
    public Priority priority() { return priority; }
    public TaskStatus status() { return status; }
    /** Percent done, 0 to 100. */
    public int progress() { return progress; }
    public List<TaskComment> comments() { return comments; }
    /** Every assignment, oldest first; the last is the current one. */
    public List<Assignment> assignments() { return assignments; }
    public List<StatusChange<TaskStatus>> statusHistory() { return statusHistory; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Task t && t.id.equals(id) && t.version == version && t.title.equals(title)
                && Objects.equals(t.description, description) && Objects.equals(t.customerId, customerId)
                && Objects.equals(t.requirementId, requirementId) && Objects.equals(t.assignee, assignee)
                && t.creator.equals(creator) && Objects.equals(t.dueDate, dueDate) && t.priority == priority
                && t.status == status && t.progress == progress && t.comments.equals(comments)
                && t.assignments.equals(assignments) && t.statusHistory.equals(statusHistory)
                && t.createdAt.equals(createdAt) && t.updatedAt.equals(updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Task[id=" + id + ", title=" + title + ", status=" + status + ", progress=" + progress
                + ", version=" + version + "]";
    }
}
