package io.crmkit.core.project;

import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open task of a project that cannot go on: it is {@link io.crmkit.core.task.TaskStatus#WAITING} (with the comment of
 * its move there as {@link #reason()}, if it had one), or it depends on tasks of the project that are not done yet
 * ({@link #waitingFor()}, in the project's order), or both.
 */
public record BlockedTask(Task task, boolean waiting, Optional<String> reason, List<TaskId> waitingFor) {
    public BlockedTask {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(reason, "reason");
        waitingFor = List.copyOf(waitingFor);
    }
}
