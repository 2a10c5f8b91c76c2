package io.crmkit.core.task;

import io.crmkit.core.workflow.Workflow;

/** Where a task stands. {@link #DEFAULT_WORKFLOW} says which moves are allowed. */
public enum TaskStatus {
    NOT_STARTED,
    IN_PROGRESS,
    WAITING,
    DONE,
    CANCELLED;

    /** Open tasks may move freely between working states or end; a finished task may be taken up again. */
    public static final Workflow<TaskStatus> DEFAULT_WORKFLOW = Workflow.builder(TaskStatus.class, NOT_STARTED)
            .allow(NOT_STARTED, IN_PROGRESS, WAITING, DONE, CANCELLED)
            .allow(IN_PROGRESS, WAITING, DONE, CANCELLED)
            .allow(WAITING, IN_PROGRESS, DONE, CANCELLED)
            .allow(DONE, IN_PROGRESS)
            .allow(CANCELLED, NOT_STARTED)
            .build();

    public boolean isOpen() {
        return this == NOT_STARTED || this == IN_PROGRESS || this == WAITING;
    }
}
