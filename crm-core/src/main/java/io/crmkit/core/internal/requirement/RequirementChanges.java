package io.crmkit.core.internal.requirement;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The fields of a requirement an audit entry lists as changed, and the comment of a transition. */
final class RequirementChanges {
    private RequirementChanges() {
    }

    /** Records the change from {@code before} (null: none, a create) to {@code after} in the audit trail. */
    static void record(Engine.Tx tx, UserRef actor, AuditAction action, @Nullable Requirement before, Requirement after) {
        tx.audit(AuditSource.API, actor, RecordKind.REQUIREMENT, after.id().value(), action, () -> between(before, after));
    }

    static List<Change> between(@Nullable Requirement before, Requirement after) {
        Optional<String> comment = Diff.newest(before == null ? 0 : before.history().size(), after.history())
                .flatMap(c -> c.comment());
        return Diff.of(before, after)
                .value("customerId", Requirement::customerId)
                .value("title", Requirement::title)
                .value("description", Requirement::description)
                .value("priority", Requirement::priority)
                .value("dueDate", Requirement::dueDate)
                .value("assignee", Requirement::assignee)
                .value("status", Requirement::status)
                .value("sourceInteraction", Requirement::sourceInteraction)
                .added("statusComment", comment)
                .changes();
    }
}
