package io.crmkit.core.task;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Storage port for tasks. The open-task lists are ordered by due date (undated last), then id, and hold only
 * the tasks their {@link AccessScope} admits.
 */
public interface TaskRepository extends CustomerReferences {
    void insert(Task task);

    Optional<Task> findById(TaskId id);

    /** The task with this id; {@link NotFoundException} if there is none. */
    default Task require(TaskId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no task " + id));
    }

    /**
     * Replaces a task whose stored version is {@code task.version() - 1}, with its comments and histories.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws io.crmkit.core.NotFoundException if there is no such task
     */
    void update(Task task);

    Page<Task> openByUser(UserRef user, AccessScope scope, PageRequest page);

    Page<Task> openByDepartment(DepartmentRef department, AccessScope scope, PageRequest page);

    /** Open tasks due before {@code today}. */
    Page<Task> overdue(LocalDate today, AccessScope scope, PageRequest page);
}
