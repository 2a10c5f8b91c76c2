package io.crmkit.core.project;

import io.crmkit.core.task.TaskId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A task in a project: in which milestone (if any), its weight in the progress (1 to {@value #MAX_WEIGHT}), and the
 * tasks of the project it waits for: it is blocked until they are done.
 */
public record ProjectTask(TaskId taskId, Optional<String> milestone, int weight, Set<TaskId> dependsOn) {
    /** The heaviest weight of one task. */
    public static final int MAX_WEIGHT = 1_000;

    public ProjectTask {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(milestone, "milestone");
        dependsOn = Set.copyOf(dependsOn);
    }

    /** A task of weight 1, in no milestone, waiting for nothing. */
    public static ProjectTask of(TaskId task) {
        return new ProjectTask(task, Optional.empty(), 1, Set.of());
    }

    public ProjectTask inMilestone(String milestone) {
        return new ProjectTask(taskId, Optional.of(milestone), weight, dependsOn);
    }

    public ProjectTask weighing(int weight) {
        return new ProjectTask(taskId, milestone, weight, dependsOn);
    }

    public ProjectTask dependingOn(TaskId... prerequisites) {
        return new ProjectTask(taskId, milestone, weight, Set.of(prerequisites));
    }
}
