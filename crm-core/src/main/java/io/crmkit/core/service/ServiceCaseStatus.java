package io.crmkit.core.service;

import io.crmkit.core.workflow.Workflow;

/**
 * Where a service case stands. {@link #DEFAULT_WORKFLOW} says which moves are allowed; replace it with
 * {@code Crm.builder().workflow(...)}.
 */
public enum ServiceCaseStatus {
    /** Logged, not yet taken up. */
    NEW,
    /** Someone works on it. A case moves here only while it has an assignee. */
    ASSIGNED,
    /** Waiting for an answer from the customer. */
    PENDING_CUSTOMER,
    /** Parked: waiting for a part, a third party, a release. */
    ON_HOLD,
    /** Solved; the customer may still object (reopen) until it is closed. */
    RESOLVED,
    /** Finished. */
    CLOSED,
    /** Not a case the service handles. */
    REJECTED,
    /** The same as another case; the comment of the transition says which. */
    DUPLICATE;

    /**
     * NEW → ASSIGNED, then between ASSIGNED, PENDING_CUSTOMER and ON_HOLD as work goes on; any open status
     * → RESOLVED, REJECTED or DUPLICATE (NEW too: a case solved on first contact); RESOLVED → CLOSED.
     * Reopening a RESOLVED or CLOSED case moves it back to ASSIGNED, to the assignee it had, so the history
     * shows the reopen as a move from RESOLVED or CLOSED to ASSIGNED. REJECTED and DUPLICATE are final.
     */
    public static final Workflow<ServiceCaseStatus> DEFAULT_WORKFLOW = Workflow.builder(ServiceCaseStatus.class, NEW)
            .allow(NEW, ASSIGNED, PENDING_CUSTOMER, ON_HOLD, RESOLVED, REJECTED, DUPLICATE)
            .allow(ASSIGNED, PENDING_CUSTOMER, ON_HOLD, RESOLVED, REJECTED, DUPLICATE)
            .allow(PENDING_CUSTOMER, ASSIGNED, ON_HOLD, RESOLVED, REJECTED, DUPLICATE)
            .allow(ON_HOLD, ASSIGNED, PENDING_CUSTOMER, RESOLVED, REJECTED, DUPLICATE)
            .allow(RESOLVED, CLOSED, ASSIGNED)
            .allow(CLOSED, ASSIGNED)
            .build();

    /** Whether work on the case is still expected: NEW, ASSIGNED, PENDING_CUSTOMER or ON_HOLD. */
    public boolean isOpen() {
        return this == NEW || this == ASSIGNED || this == PENDING_CUSTOMER || this == ON_HOLD;
    }
}
