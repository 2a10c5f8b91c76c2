package io.crmkit.core.audit;

/** How a change came in. */
public enum AuditSource {
    /** A service call of the host application, as {@code crm} or {@code crm.as(actor)}. */
    API,
    /** A bulk import ({@code importAll}). */
    IMPORT,
    /** crmkit's own background work, such as the outbox dispatcher recording delivery results. */
    SYSTEM
}
