package io.crmkit.core.service;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A service case to open:
 * {@code NewServiceCase.of(customerId, ServiceCaseOrigin.PHONE, "repair", "空调不制冷").priority(HIGH).interaction(callId)}.
 * Subject 1 to {@value ServiceCase#MAX_SUBJECT} characters, description up to {@value ServiceCase#MAX_DESCRIPTION},
 * type a code of up to {@value ServiceCase#MAX_TYPE}. Linked interactions, needs and the parent case must belong
 * to the same customer. Not thread-safe.
 */
public final class NewServiceCase {
    private final CustomerId customerId;
    private final ServiceCaseOrigin origin;
    private final @Nullable String type;
    private final @Nullable String subject;
    private @Nullable String description;
    private Priority priority = Priority.NORMAL;
    private @Nullable Assignee assignee;
    private @Nullable ServiceCaseId parentId;
    private final List<InteractionId> interactionIds = new ArrayList<>();
    private final List<RequirementId> requirementIds = new ArrayList<>();

    private NewServiceCase(CustomerId customerId, ServiceCaseOrigin origin, @Nullable String type, @Nullable String subject) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.type = type;
        this.subject = subject;
    }

    /** A case of {@code customer} that came in through {@code origin}, of the host's {@code type}. */
    public static NewServiceCase of(CustomerId customer, ServiceCaseOrigin origin, String type, String subject) {
        return new NewServiceCase(customer, origin, type, subject);
    }

    public NewServiceCase description(@Nullable String description) { this.description = description; return this; }
    public NewServiceCase priority(Priority priority) { this.priority = Objects.requireNonNull(priority, "priority"); return this; }
    /** Assigns the case at once; it then starts in ASSIGNED (with the default workflow). */
    public NewServiceCase assignTo(Assignee assignee) { this.assignee = Objects.requireNonNull(assignee, "assignee"); return this; }
    /** Makes the case part of another case of the same customer. */
    public NewServiceCase parent(ServiceCaseId parent) { this.parentId = Objects.requireNonNull(parent, "parent"); return this; }
    /** Links an interaction (the call or email that raised the case, say); may be called several times. */
    public NewServiceCase interaction(InteractionId interaction) { interactionIds.add(Objects.requireNonNull(interaction, "interaction")); return this; }
    /** Links a need of the customer; may be called several times. */
    public NewServiceCase requirement(RequirementId requirement) { requirementIds.add(Objects.requireNonNull(requirement, "requirement")); return this; }

    public CustomerId customerId() { return customerId; }
    public ServiceCaseOrigin origin() { return origin; }
    public @Nullable String type() { return type; }
    public @Nullable String subject() { return subject; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Priority priority() { return priority; }
    public Optional<Assignee> assignee() { return Optional.ofNullable(assignee); }
    public Optional<ServiceCaseId> parentId() { return Optional.ofNullable(parentId); }
    public List<InteractionId> interactionIds() { return List.copyOf(interactionIds); }
    public List<RequirementId> requirementIds() { return List.copyOf(requirementIds); }
}
