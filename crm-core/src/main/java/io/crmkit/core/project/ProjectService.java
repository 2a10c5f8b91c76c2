package io.crmkit.core.project;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Projects that group tasks across departments. From {@code crm.projects()}; thread-safe. A project is seen and changed
 * as the access policy's {@code PROJECT} rule allows by its owner and department; a task is added only by who may read
 * it, and the task listings show only the tasks the actor may read. Progress counts every task of the project.
 */
public interface ProjectService {
    /**
     * @throws io.crmkit.core.ValidationException listing every invalid field
     * @throws io.crmkit.core.AccessDeniedException if the actor may not create a project for that owner and department
     */
    Project create(NewProject project);

    Optional<Project> get(ProjectId id);

    default Project require(ProjectId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no project " + id));
    }

    /** The projects the actor may read, in id order. */
    Page<Project> list(PageRequest page);

    /** Adds a milestone; its name must be new in the project. */
    Project addMilestone(ProjectId id, String name, @Nullable LocalDate dueDate);

    /**
     * Adds a task (or changes its entry): its milestone must exist, its dependencies be tasks of the project, and no
     * dependency may lead back to it.
     *
     * @throws io.crmkit.core.NotFoundException if the task does not exist or the actor may not read it
     */
    Project putTask(ProjectId id, ProjectTask task);

    /** Takes a task out of the project, and out of the dependencies of the others. */
    Project removeTask(ProjectId id, TaskId task);

    /** Progress rolled up from the tasks, for the project and each milestone. */
    ProjectProgress progress(ProjectId id);

    /** Open tasks of the project whose due date is past, by due date, then id. */
    Page<Task> overdue(ProjectId id, PageRequest page);

    /** Open tasks of the project that are waiting or depend on tasks not done, by due date (undated last), then id. */
    Page<BlockedTask> blocked(ProjectId id, PageRequest page);
}
