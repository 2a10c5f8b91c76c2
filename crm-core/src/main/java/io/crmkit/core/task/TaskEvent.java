package io.crmkit.core.task;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.UUID;

/** A change to a task. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface TaskEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.TASK;
    }

    @Override
    default UUID recordId() {
        return taskId().value();
    }

    TaskId taskId();

    /** A task was created. */
    record Created(TaskId taskId, Instant at, UserRef actor) implements TaskEvent {
    }

    /** A task was handed to a user or department. */
    record Assigned(TaskId taskId, Assignee assignee, Instant at, UserRef actor) implements TaskEvent {
    }

    /** A task moved through its workflow. */
    record Transitioned(TaskId taskId, TaskStatus from, TaskStatus to, Instant at, UserRef actor) implements TaskEvent {
    }

    /**
     * A comment was added to a task.
     *
     * @param comment the comment's number in {@link Task#comments()}, from 1
     */
    record Commented(TaskId taskId, int comment, Instant at, UserRef actor) implements TaskEvent {
    }
}
