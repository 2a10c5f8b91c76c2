package io.crmkit.core.service;

import io.crmkit.core.workflow.Priority;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change to the details of a case (subject, description, type, priority), started by {@link ServiceCase#edit()}
 * with the case's current ones. Pass it to {@code crm.cases().update(...)}; the update is refused with a
 * {@code ConflictException} if the case changed since {@link #baseVersion()}. Status, assignee, parent and links
 * change through their own verbs. Not thread-safe.
 */
public final class ServiceCaseEdit {
    private final ServiceCase base;
    private @Nullable String subject;
    private @Nullable String description;
    private @Nullable String type;
    private Priority priority;

    ServiceCaseEdit(ServiceCase base) {
        this.base = base;
        this.subject = base.subject();
        this.description = base.description().orElse(null);
        this.type = base.type();
        this.priority = base.priority();
    }

    public ServiceCaseEdit subject(@Nullable String subject) { this.subject = subject; return this; }
    /** The new description; null or blank removes it. */
    public ServiceCaseEdit description(@Nullable String description) { this.description = description; return this; }
    public ServiceCaseEdit type(@Nullable String type) { this.type = type; return this; }
    public ServiceCaseEdit priority(Priority priority) { this.priority = Objects.requireNonNull(priority, "priority"); return this; }

    /** The case as it was when the edit began. */
    public ServiceCase base() { return base; }
    public ServiceCaseId id() { return base.id(); }
    public long baseVersion() { return base.version(); }
    public @Nullable String subject() { return subject; }
    public @Nullable String description() { return description; }
    public @Nullable String type() { return type; }
    public Priority priority() { return priority; }
}
