package io.crmkit.core.internal.policy;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.policy.CommunicationPolicy;
import io.crmkit.core.policy.SegmentText;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The fields of a policy an audit entry lists as changed. */
final class PolicyChanges {
    private PolicyChanges() {
    }

    /** Records the change from {@code before} (null: a create) to {@code after} in the audit trail. */
    static void record(Engine.Tx tx, UserRef actor, AuditAction action, @Nullable CommunicationPolicy before,
                       CommunicationPolicy after) {
        tx.audit(actor, RecordKind.POLICY, after.id().value(), action, () -> between(before, after));
    }

    static List<Change> between(@Nullable CommunicationPolicy before, CommunicationPolicy after) {
        return Diff.of(before, after)
                .value("name", CommunicationPolicy::name)
                .value("goal", CommunicationPolicy::goal)
                .value("segment", p -> SegmentText.encode(p.segment()))
                .value("method", CommunicationPolicy::method)
                .value("channel", CommunicationPolicy::channel)
                .value("cadence", CommunicationPolicy::cadence)
                .value("owner", CommunicationPolicy::owner)
                .value("activeFrom", CommunicationPolicy::activeFrom)
                .value("activeTo", CommunicationPolicy::activeTo)
                .value("template", p -> p.template().map(t -> t.subject().map(s -> s + "\n").orElse("") + t.text()))
                .value("responseWindowDays", CommunicationPolicy::responseWindowDays)
                .changes();
    }
}
