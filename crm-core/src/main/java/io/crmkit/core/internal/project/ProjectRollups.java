package io.crmkit.core.internal.project;

import io.crmkit.core.project.BlockedTask;
import io.crmkit.core.project.Milestone;
import io.crmkit.core.project.Project;
import io.crmkit.core.project.ProjectProgress;
import io.crmkit.core.project.ProjectTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.StatusChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The progress, and the blocked tasks, of a project computed from its tasks as stored. */
final class ProjectRollups {
    private ProjectRollups() {
    }

    static ProjectProgress progress(Project project, Map<TaskId, Task> tasks) {
        List<ProjectProgress.MilestoneProgress> milestones = new ArrayList<>();
        for (Milestone m : project.milestones()) {
            milestones.add(new ProjectProgress.MilestoneProgress(m, rollup(project.tasks().stream()
                    .filter(t -> t.milestone().filter(m.name()::equals).isPresent()).toList(), tasks)));
        }
        return new ProjectProgress(rollup(project.tasks(), tasks), milestones);
    }

    private static ProjectProgress.Rollup rollup(List<ProjectTask> entries, Map<TaskId, Task> tasks) {
        int total = 0;
        int done = 0;
        long totalWeight = 0;
        long doneWeight = 0;
        long progressWeight = 0;
        for (ProjectTask e : entries) {
            Task t = tasks.get(e.taskId());
            if (t == null || t.status() == TaskStatus.CANCELLED) {
                continue;
            }
            total++;
            totalWeight += e.weight();
            boolean isDone = t.status() == TaskStatus.DONE;
            if (isDone) {
                done++;
                doneWeight += e.weight();
            }
            progressWeight += (long) e.weight() * (isDone ? 100 : t.progress());
        }
        return new ProjectProgress.Rollup(total, done, totalWeight, doneWeight,
                totalWeight == 0 ? 0 : (int) (progressWeight / totalWeight));
    }

    /** The task if it is open and blocked: waiting, or depending on tasks of the project that are not done. */
    static Optional<BlockedTask> blocked(Project project, ProjectTask entry, Map<TaskId, Task> tasks) {
        Task t = tasks.get(entry.taskId());
        if (t == null || !t.status().isOpen()) {
            return Optional.empty();
        }
        List<TaskId> waitingFor = project.tasks().stream().map(ProjectTask::taskId).filter(entry.dependsOn()::contains)
                .filter(d -> tasks.get(d) == null || tasks.get(d).status() != TaskStatus.DONE).toList();
        boolean waiting = t.status() == TaskStatus.WAITING;
        if (!waiting && waitingFor.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> reason = Optional.empty();
        if (waiting) {
            List<StatusChange<TaskStatus>> h = t.statusHistory();
            for (int i = h.size() - 1; i >= 0; i--) {
                if (h.get(i).to() == TaskStatus.WAITING) {
                    reason = h.get(i).comment();
                    break;
                }
            }
        }
        return Optional.of(new BlockedTask(t, waiting, reason, waitingFor));
    }
}
