package io.crmkit.core.requirement;

import io.crmkit.core.workflow.Workflow;

/** Where a need stands. {@link #DEFAULT_WORKFLOW} says which moves are allowed. */
public enum RequirementStatus {
    NEW,
    IN_PROGRESS,
    RESOLVED,
    CLOSED,
    REJECTED,
    REOPENED;

    /**
     * NEW → IN_PROGRESS → RESOLVED → CLOSED; NEW and IN_PROGRESS may be REJECTED; RESOLVED, CLOSED and
     * REJECTED may be REOPENED, and a reopened need goes back IN_PROGRESS (or is rejected).
     */
    public static final Workflow<RequirementStatus> DEFAULT_WORKFLOW = Workflow.builder(RequirementStatus.class, NEW)
            .allow(NEW, IN_PROGRESS, REJECTED)
            .allow(IN_PROGRESS, RESOLVED, REJECTED)
            .allow(RESOLVED, CLOSED, REOPENED)
            .allow(CLOSED, REOPENED)
            .allow(REJECTED, REOPENED)
            .allow(REOPENED, IN_PROGRESS, REJECTED)
            .build();

    /** Whether work on the need is still expected. */
    public boolean isOpen() {
        return this == NEW || this == IN_PROGRESS || this == REOPENED;
    }
}
