package io.crmkit.core.task;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Tasks across departments. From {@code crm.tasks()}; thread-safe. The acting user is recorded as
 * creator, assigner, commenter and transition actor.
 */
public interface TaskService {
    /**
     * Creates a task, assigned if the new task names an assignee.
     *
     * @throws io.crmkit.core.NotFoundException   if a related customer or need does not exist
     * @throws io.crmkit.core.ValidationException listing every invalid field
     */
    Task create(NewTask task);

    Optional<Task> get(TaskId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default Task require(TaskId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no task " + id));
    }

    /** Assigns or reassigns a task; the previous assignment stays in its history. */
    Task assign(TaskId id, Assignee to, @Nullable String note);

    /**
     * Moves the task to another status.
     *
     * @throws io.crmkit.core.InvalidTransitionException if the task workflow does not allow it
     */
    Task transition(TaskId id, TaskStatus to, @Nullable String comment);

    /** Records progress in percent, 0 to 100. */
    Task progress(TaskId id, int percent);

    /** Adds a comment (1 to 10,000 characters) by the acting user. */
    Task comment(TaskId id, String text);

    /** Open tasks assigned to a user, by due date (undated last). */
    Page<Task> assignedToUser(UserRef user, PageRequest page);

    /** Open tasks assigned to a department, by due date (undated last). */
    Page<Task> assignedToDepartment(DepartmentRef department, PageRequest page);

    /** Open tasks whose due date has passed, by due date. */
    Page<Task> overdue(PageRequest page);
}
