package io.crmkit.core.internal.service;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceCase;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a service case an audit entry lists as changed; links as one line per linked id, and the comment
 * of a transition as the new value of {@code statusComment}.
 */
final class ServiceCaseChanges {
    private ServiceCaseChanges() {
    }

    /** Records the change from {@code before} (null: none, a create) to {@code after} in the audit trail. */
    static void record(Engine.Tx tx, UserRef actor, AuditAction action, @Nullable ServiceCase before, ServiceCase after) {
        record(tx, AuditSource.API, actor, action, before, after);
    }

    /** As {@link #record(Engine.Tx, UserRef, AuditAction, ServiceCase, ServiceCase)}, for a change from {@code source}. */
    static void record(Engine.Tx tx, AuditSource source, UserRef actor, AuditAction action, @Nullable ServiceCase before,
                       ServiceCase after) {
        tx.audit(source, actor, RecordKind.SERVICE_CASE, after.id().value(), action, () -> between(before, after));
    }

    static List<Change> between(@Nullable ServiceCase before, ServiceCase after) {
        return Diff.of(before, after)
                .value("customerId", ServiceCase::customerId)
                .value("subject", ServiceCase::subject)
                .value("description", ServiceCase::description)
                .value("origin", ServiceCase::origin)
                .value("type", ServiceCase::type)
                .value("priority", ServiceCase::priority)
                .value("status", ServiceCase::status)
                .value("assignee", ServiceCase::assignee)
                .value("parentId", ServiceCase::parentId)
                .lines("interactionIds", ServiceCase::interactionIds, id -> id.value().toString())
                .lines("requirementIds", ServiceCase::requirementIds, id -> id.value().toString())
                .sortedLines("slaWarned", c -> c.sla().warned(), Enum::name)
                .sortedLines("slaBreached", c -> c.sla().breached(), Enum::name)
                .added("statusComment", Diff.newest(before == null ? 0 : before.history().size(), after.history())
                        .flatMap(c -> c.comment()))
                .changes();
    }
}
