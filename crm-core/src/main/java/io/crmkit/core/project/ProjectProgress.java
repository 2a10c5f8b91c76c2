package io.crmkit.core.project;

import java.util.List;
import java.util.Objects;

/**
 * How far a project is, rolled up from its tasks: for the whole project and for each milestone (in the project's
 * order). Cancelled tasks count for nothing.
 */
public record ProjectProgress(Rollup project, List<MilestoneProgress> milestones) {
    public ProjectProgress {
        Objects.requireNonNull(project, "project");
        milestones = List.copyOf(milestones);
    }

    /** The progress of one milestone's tasks. */
    public record MilestoneProgress(Milestone milestone, Rollup progress) {
        public MilestoneProgress {
            Objects.requireNonNull(milestone, "milestone");
            Objects.requireNonNull(progress, "progress");
        }
    }

    /**
     * Done of total over some tasks (cancelled ones left out), by count and by weight, and the weighted mean of the
     * tasks' own progress.
     *
     * @param total          tasks counted
     * @param done           of which done
     * @param totalWeight    the sum of their weights
     * @param doneWeight     the sum of the weights of the done ones
     * @param weightedPercent the mean of the tasks' progress (0 to 100, a done task 100), weighted, rounded down; 0 for no task
     */
    public record Rollup(int total, int done, long totalWeight, long doneWeight, int weightedPercent) {
        /** Done share by count, 0 to 100, rounded down; 0 for no task. */
        public int percentDone() {
            return total == 0 ? 0 : (int) (100L * done / total);
        }

        /** Done share by weight, 0 to 100, rounded down; 0 for no task. */
        public int percentDoneWeighted() {
            return totalWeight == 0 ? 0 : (int) (100L * doneWeight / totalWeight);
        }
    }
}
