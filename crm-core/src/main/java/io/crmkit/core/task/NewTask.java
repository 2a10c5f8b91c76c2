package io.crmkit.core.task;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.workflow.Priority;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A task to create: {@code NewTask.titled("准备报价单").assignTo(Assignee.department(DepartmentRef.of("sales"))).due(date)}.
 * Title 1 to 200 characters, description up to 10,000. Not thread-safe.
 */
public final class NewTask {
    private final String title;
    private @Nullable String description;
    private @Nullable CustomerId customerId;
    private @Nullable RequirementId requirementId;
    private @Nullable Assignee assignee;
    private @Nullable LocalDate dueDate;
    private Priority priority = Priority.NORMAL;

    private NewTask(String title) {
        this.title = title;
    }

    public static NewTask titled(String title) {
        return new NewTask(title);
    }

    public NewTask description(String description) { this.description = description; return this; }
    public NewTask about(CustomerId customer) { this.customerId = customer; return this; }
    public NewTask forRequirement(RequirementId requirement) { this.requirementId = requirement; return this; }
    public NewTask assignTo(Assignee assignee) { this.assignee = Objects.requireNonNull(assignee); return this; }
    public NewTask due(LocalDate dueDate) { this.dueDate = dueDate; return this; }
    public NewTask priority(Priority priority) { this.priority = Objects.requireNonNull(priority); return this; }

    public @Nullable String title() { return title; }
    public Optional<String> description() { return Optional.ofNullable(description); }
    public Optional<CustomerId> customerId() { return Optional.ofNullable(customerId); }
    public Optional<RequirementId> requirementId() { return Optional.ofNullable(requirementId); }
    public Optional<Assignee> assignee() { return Optional.ofNullable(assignee); }
    public Optional<LocalDate> dueDate() { return Optional.ofNullable(dueDate); }
    public Priority priority() { return priority; }
}
