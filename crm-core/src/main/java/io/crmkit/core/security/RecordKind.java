package io.crmkit.core.security;

/**
 * The kinds of record crmkit keeps, as access rules, shares and the audit trail name them. Customers,
 * tasks, opportunities and campaigns are owned records: their owner and department decide who sees them. The other
 * kinds belong to a customer and are seen by whoever the rule for their kind lets see that customer (service cases
 * too: whoever the {@link #SERVICE_CASE} rule lets see a customer sees its cases).
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
    /** A sales opportunity: owned by its owner user and belonging to its department, as a task is. */
    OPPORTUNITY,
    /** A marketing campaign: owned by its owner user and belonging to its department, as an opportunity is. */
    CAMPAIGN,
    /** The audit trail itself: who may read the history of records and of actors. */
    AUDIT,
    /** A document: owned by its owner user and belonging to its department, as an opportunity is; granted through shares. */
    DOCUMENT,
    /** A notice in an inbox: seen only by its recipient user, or by the members of its recipient department. */
    NOTICE,
    /** A project: owned by its owner user and belonging to its department, as a campaign is; not shared. */
    PROJECT,
    /** A communication policy: owned by its owner user and belonging to its owner department, as a campaign is. */
    POLICY,
    /** A webhook endpoint, with its deliveries and their log: the host's, reached only with {@link AccessLevel#ALL}. */
    WEBHOOK_ENDPOINT
}
