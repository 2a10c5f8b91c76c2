package io.crmkit.core.requirement;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.core.workflow.Workflow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A customer need: what the customer asked for or needs, who handles it, and the history of its
 * status. Immutable; behaviour methods return the changed need with the next version.
 */
public final class Requirement {
    /** Longest title, in characters (code points). */
    public static final int MAX_TITLE = 200;
    /** Longest description, in characters. */
    public static final int MAX_DESCRIPTION = 10_000;

    private final RequirementId id;
    private final CustomerId customerId;
    private final String title;
    private final @Nullable String description;
    private final Priority priority;
    private final @Nullable LocalDate dueDate;
    private final @Nullable UserRef assignee;
    private final RequirementStatus status;
    private final @Nullable InteractionId sourceInteraction;
    private final List<StatusChange<RequirementStatus>> history;
    private final UserRef createdBy;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    /** For adapters and the requirement service; validation happens in the service. */
    public Requirement(RequirementId id, CustomerId customerId, String title, Optional<String> description,
                       Priority priority, Optional<LocalDate> dueDate, Optional<UserRef> assignee,
                       RequirementStatus status, Optional<InteractionId> sourceInteraction,
                       List<StatusChange<RequirementStatus>> history, UserRef createdBy, Instant createdAt,
                       Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.title = Objects.requireNonNull(title, "title");
        this.description = description.orElse(null);
        this.priority = Objects.requireNonNull(priority, "priority");
        this.dueDate = dueDate.orElse(null);
        this.assignee = assignee.orElse(null);
        this.status = Objects.requireNonNull(status, "status");
        this.sourceInteraction = sourceInteraction.orElse(null);
        this.history = List.copyOf(history);
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    /**
     * Moves the need to {@code to} if the workflow allows it, recording the change.
     *
     * @throws io.crmkit.core.InvalidTransitionException if the workflow forbids it
     */
    public Requirement transition(Workflow<RequirementStatus> workflow, RequirementStatus to, UserRef actor,
                                  Instant at, Optional<String> comment) {
        workflow.check(status, to, "requirement " + id);
        List<StatusChange<RequirementStatus>> h = new ArrayList<>(history);
        h.add(new StatusChange<>(status, to, actor, at, comment));
        return new Requirement(id, customerId, title, description(), priority, dueDate(), assignee(), to,
                sourceInteraction(), h, createdBy, createdAt, at, version + 1);
    }

    /** The same need with other details, at the next version. */
    public Requirement withDetails(String title, Optional<String> description, Priority priority,
                                   Optional<LocalDate> dueDate, Optional<UserRef> assignee, Instant at) {
        return new Requirement(id, customerId, title, description, priority, dueDate, assignee, status,
                sourceInteraction(), history, createdBy, createdAt, at, version + 1);
    }

    /** Whether it is open and its due date is before {@code today}. */
    /** The same record belonging to another customer, at the next version: a merge's change (and an unmerge's). */
    public Requirement withCustomer(CustomerId to) {
        return new Requirement(id, to, title, description(), priority, dueDate(), assignee(), status,
                sourceInteraction(), history, createdBy, createdAt, updatedAt, version + 1);
    }

    public boolean isOverdue(LocalDate today) {
        return status.isOpen() && dueDate != null && dueDate.isBefore(today);
    }

    public RequirementId id() { return id; }
    public CustomerId customerId() { return customerId; }
    public String title() { return title; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Priority priority() { return priority; }
    public Optional<LocalDate> dueDate() { return Optional.ofNullable(dueDate); }
    public Optional<UserRef> assignee() { return Optional.ofNullable(assignee); }
    public RequirementStatus status() { return status; }
    /** The interaction in which the need was discovered, if any. */
    public Optional<InteractionId> sourceInteraction() { return Optional.ofNullable(sourceInteraction); }
    /** Every status change, oldest first. */
    public List<StatusChange<RequirementStatus>> history() { return history; }
    public UserRef createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirement r && r.id.equals(id) && r.version == version && r.status == status
                && r.title.equals(title) && Objects.equals(r.description, description) && r.priority == priority
                && Objects.equals(r.dueDate, dueDate) && Objects.equals(r.assignee, assignee)
                && r.history.equals(history) && r.customerId.equals(customerId)
                && Objects.equals(r.sourceInteraction, sourceInteraction) && r.createdBy.equals(createdBy)
                && r.createdAt.equals(createdAt) && r.updatedAt.equals(updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Requirement[id=" + id + ", status=" + status + ", title=" + title + ", version=" + version + "]";
    }
}
