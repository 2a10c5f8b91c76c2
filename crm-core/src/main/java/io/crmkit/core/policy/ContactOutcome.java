package io.crmkit.core.policy;

/** What a policy did for one due customer on one due date. */
public enum ContactOutcome {
    /** A task for the owner (calls and visits). */
    TASK_CREATED,
    /** A message queued through messaging (email, SMS, voice). */
    MESSAGE_QUEUED,
    /** Nothing: see the {@link ContactRefusal}. */
    REFUSED,
    /** The policy had contacted the customer for this due date already; nothing was created again. */
    ALREADY_DONE
}
