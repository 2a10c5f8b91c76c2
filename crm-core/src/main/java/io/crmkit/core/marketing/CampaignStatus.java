package io.crmkit.core.marketing;

import io.crmkit.core.workflow.Workflow;

/** Where a campaign stands. {@link #DEFAULT_WORKFLOW} says which moves are allowed; a host may replace it. */
public enum CampaignStatus {
    /** Being prepared: name, period, budget, members. */
    DRAFT,
    /** Ready and waiting for its period. */
    SCHEDULED,
    /** Sending and collecting responses. */
    RUNNING,
    /** Over; its results stay. */
    COMPLETED,
    /** Called off. */
    CANCELLED;

    /**
     * A draft is scheduled (or cancelled), a scheduled campaign starts, goes back to draft or is cancelled, a running
     * one completes or is cancelled; a cancelled campaign may be taken up again as a draft, a completed one is final.
     */
    public static final Workflow<CampaignStatus> DEFAULT_WORKFLOW = Workflow.builder(CampaignStatus.class, DRAFT)
            .allow(DRAFT, SCHEDULED, CANCELLED)
            .allow(SCHEDULED, DRAFT, RUNNING, CANCELLED)
            .allow(RUNNING, COMPLETED, CANCELLED)
            .allow(CANCELLED, DRAFT)
            .build();

    /** Whether the campaign may still send: scheduled (it starts on its first send) or running. */
    public boolean maySend() {
        return this == SCHEDULED || this == RUNNING;
    }
}
