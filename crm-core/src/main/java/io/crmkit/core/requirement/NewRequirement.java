package io.crmkit.core.requirement;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A need to record, entered directly or discovered in an interaction:
 * {@code NewRequirement.of(customerId, "需要开具增值税发票").discoveredIn(callId).priority(HIGH)}.
 * Title 1 to 200 characters, description up to 10,000. Not thread-safe.
 */
public final class NewRequirement {
    private final CustomerId customerId;
    private final String title;
    private @Nullable String description;
    private Priority priority = Priority.NORMAL;
    private @Nullable LocalDate dueDate;
    private @Nullable UserRef assignee;
    private @Nullable InteractionId sourceInteraction;

    private NewRequirement(CustomerId customerId, String title) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.title = title;
    }

    public static NewRequirement of(CustomerId customerId, String title) {
        return new NewRequirement(customerId, title);
    }

    public NewRequirement description(String description) { this.description = description; return this; }
    public NewRequirement priority(Priority priority) { this.priority = Objects.requireNonNull(priority); return this; }
    public NewRequirement due(LocalDate dueDate) { this.dueDate = dueDate; return this; }
    public NewRequirement assignee(UserRef user) { this.assignee = Objects.requireNonNull(user, "user"); return this; }
    /** The interaction in which the need came up; it must belong to the same customer. */
    public NewRequirement discoveredIn(InteractionId interaction) { this.sourceInteraction = interaction; return this; }

    public CustomerId customerId() { return customerId; }
    public @Nullable String title() { return title; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Priority priority() { return priority; }
    public Optional<LocalDate> dueDate() { return Optional.ofNullable(dueDate); }
    public Optional<UserRef> assignee() { return Optional.ofNullable(assignee); }
    public Optional<InteractionId> sourceInteraction() { return Optional.ofNullable(sourceInteraction); }
}
