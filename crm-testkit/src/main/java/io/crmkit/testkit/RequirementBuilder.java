package io.crmkit.testkit;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Requirement} (a customer need) for tests; start one with
 * {@link TestData#requirement(CustomerId)}. {@link #status(RequirementStatus)} sets the status without
 * recording history; add history with {@link #change}. Not thread-safe.
 */
public final class RequirementBuilder {
    private RequirementId id;
    private CustomerId customerId;
    private String title = "需求";
    private @Nullable String description;
    private Priority priority = Priority.NORMAL;
    private @Nullable LocalDate dueDate;
    private @Nullable UserRef assignee;
    private RequirementStatus status = RequirementStatus.NEW;
    private @Nullable InteractionId sourceInteraction;
    private final List<StatusChange<RequirementStatus>> history = new ArrayList<>();
    private String createdBy = "agent-1";
    private Instant createdAt;
    private Instant updatedAt;
    private long version = 1;

    RequirementBuilder(RequirementId id, CustomerId customerId, Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public RequirementBuilder id(RequirementId id) { this.id = id; return this; }
    public RequirementBuilder customer(CustomerId customerId) { this.customerId = customerId; return this; }
    public RequirementBuilder title(String title) { this.title = title; return this; }
    public RequirementBuilder description(@Nullable String description) { this.description = description; return this; }
    public RequirementBuilder priority(Priority priority) { this.priority = priority; return this; }
    public RequirementBuilder dueDate(@Nullable LocalDate dueDate) { this.dueDate = dueDate; return this; }
    public RequirementBuilder assignee(@Nullable UserRef assignee) { this.assignee = assignee; return this; }
    public RequirementBuilder status(RequirementStatus status) { this.status = status; return this; }
    public RequirementBuilder sourceInteraction(@Nullable InteractionId interaction) { this.sourceInteraction = interaction; return this; }
    public RequirementBuilder createdBy(String createdBy) { this.createdBy = createdBy; return this; }
    public RequirementBuilder createdAt(Instant createdAt) { this.createdAt = createdAt; return this; }
    public RequirementBuilder updatedAt(Instant updatedAt) { this.updatedAt = updatedAt; return this; }
    public RequirementBuilder version(long version) { this.version = version; return this; }

    /** Appends a status change to the history and moves the status to {@code to}. */
    public RequirementBuilder change(RequirementStatus from, RequirementStatus to, String actorId, Instant at,
                                     @Nullable String comment) {
        history.add(new StatusChange<>(from, to, UserRef.of(actorId), at, Optional.ofNullable(comment)));
        this.status = to;
        return this;
    }

    public Requirement build() {
        return new Requirement(id, customerId, title, Optional.ofNullable(description), priority,
                Optional.ofNullable(dueDate), Optional.ofNullable(assignee), status,
                Optional.ofNullable(sourceInteraction), history, UserRef.of(createdBy), createdAt, updatedAt, version);
    }
}
