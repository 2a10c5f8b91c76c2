package io.crmkit.core.internal.task;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Task;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a task an audit entry lists as changed; a comment, an assignment's note and a transition's
 * comment appear as the new value of {@code comment}, {@code assignmentNote} and {@code statusComment}.
 */
final class TaskChanges {
    private TaskChanges() {
    }

    /** Records the change from {@code before} (null: none, a create) to {@code after} in the audit trail. */
    static void record(Engine.Tx tx, UserRef actor, AuditAction action, @Nullable Task before, Task after) {
        tx.audit(AuditSource.API, actor, RecordKind.TASK, after.id().value(), action, () -> between(before, after));
    }

    static List<Change> between(@Nullable Task before, Task after) {
        return Diff.of(before, after)
                .value("title", Task::title)
                .value("description", Task::description)
                .value("customerId", Task::customerId)
                .value("requirementId", Task::requirementId)
                .value("assignee", Task::assignee)
                .value("dueDate", Task::dueDate)
                .value("priority", Task::priority)
                .value("status", Task::status)
                .value("progress", Task::progress)
                .added("comment", Diff.newest(before == null ? 0 : before.comments().size(), after.comments())
                        .map(c -> c.text()))
                .added("assignmentNote", Diff.newest(before == null ? 0 : before.assignments().size(), after.assignments())
                        .flatMap(a -> a.note()))
                .added("statusComment", Diff.newest(before == null ? 0 : before.statusHistory().size(), after.statusHistory())
                        .flatMap(s -> s.comment()))
                .changes();
    }
}
