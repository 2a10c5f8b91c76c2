package io.crmkit.core.requirement;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.Workflow;
import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Tracks customer needs through their workflow. From {@code crm.requirements()}; thread-safe.
 * Transitions are recorded with the acting user, the time and the comment.
 */
public interface RequirementService {
    /**
     * Records a need in status NEW.
     *
     * @throws io.crmkit.core.NotFoundException   if the customer or the source interaction does not exist
     * @throws io.crmkit.core.ValidationException listing every invalid field, including a source
     *                                            interaction of another customer
     */
    Requirement create(NewRequirement requirement);

    Optional<Requirement> get(RequirementId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default Requirement require(RequirementId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no requirement " + id));
    }

    /**
     * Moves a need to another status.
     *
     * @throws io.crmkit.core.InvalidTransitionException if the workflow does not allow the move
     */
    Requirement transition(RequirementId id, RequirementStatus to, @Nullable String comment);

    default Requirement start(RequirementId id, @Nullable String comment) {
        return transition(id, RequirementStatus.IN_PROGRESS, comment);
    }

    default Requirement resolve(RequirementId id, @Nullable String comment) {
        return transition(id, RequirementStatus.RESOLVED, comment);
    }

    default Requirement close(RequirementId id, @Nullable String comment) {
        return transition(id, RequirementStatus.CLOSED, comment);
    }

    default Requirement reject(RequirementId id, @Nullable String comment) {
        return transition(id, RequirementStatus.REJECTED, comment);
    }

    default Requirement reopen(RequirementId id, @Nullable String comment) {
        return transition(id, RequirementStatus.REOPENED, comment);
    }

    /** Hands the need to another user (null unassigns it). */
    Requirement assign(RequirementId id, @Nullable UserRef assignee);

    /** Changes title, description, priority and due date; status changes go through {@link #transition}. */
    Requirement update(RequirementId id, String title, @Nullable String description, Priority priority,
                       @Nullable LocalDate dueDate);

    /** Open needs (NEW, IN_PROGRESS, REOPENED) assigned to a user, oldest first. */
    Page<Requirement> assignedToUser(UserRef assignee, PageRequest page);

    /** Open needs whose due date has passed, by due date. */
    Page<Requirement> overdue(PageRequest page);

    /** A customer's needs, oldest first. */
    Page<Requirement> ofCustomer(CustomerId customer, PageRequest page);

    /** The workflow in force. */
    Workflow<RequirementStatus> workflow();
}
