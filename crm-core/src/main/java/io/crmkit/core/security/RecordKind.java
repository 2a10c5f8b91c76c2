package io.crmkit.core.security;

/**
 * The kinds of record crmkit keeps, as access rules, shares and the audit trail name them. Customers,
 * and tasks, are owned records: their owner and department decide who sees them. The other kinds belong
 * to a customer and are seen by whoever the rule for their kind lets see that customer (service cases too:
 * whoever the {@link #SERVICE_CASE} rule lets see a customer sees its cases).
 */
public enum RecordKind {
    CUSTOMER,
    INTERACTION,
    REQUIREMENT,
    TASK,
    SURVEY,
    PURCHASE,
    MESSAGE,
    /** A service case: follows its customer, like needs. */
    SERVICE_CASE,
    /** The audit trail itself: who may read the history of records and of actors. */
    AUDIT
}
