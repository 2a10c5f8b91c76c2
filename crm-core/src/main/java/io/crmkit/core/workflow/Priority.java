package io.crmkit.core.workflow;

/** How urgent a need or a task is. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}
