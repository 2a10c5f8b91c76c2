package io.crmkit.core.internal.sales;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.StageChange;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an opportunity an audit entry lists as changed; the comment of a stage move appears as the new
 * value of {@code stageComment}.
 */
final class OpportunityChanges {
    private OpportunityChanges() {
    }

    /** Records the change from {@code before} (null: none, a create) to {@code after} in the audit trail. */
    static void record(Engine.Tx tx, UserRef actor, AuditAction action, @Nullable Opportunity before, Opportunity after) {
        tx.audit(AuditSource.API, actor, RecordKind.OPPORTUNITY, after.id().value(), action, () -> between(before, after));
    }

    static List<Change> between(@Nullable Opportunity before, Opportunity after) {
        return Diff.of(before, after)
                .value("customerId", Opportunity::customerId)
                .value("name", Opportunity::name)
                .value("amount", Opportunity::amount)
                .value("currency", Opportunity::currency)
                .value("expectedClose", Opportunity::expectedClose)
                .value("pipeline", Opportunity::pipelineCode)
                .value("stage", Opportunity::stageCode)
                .value("probability", Opportunity::probability)
                .value("owner", o -> o.owner().id())
                .value("department", o -> o.department().map(d -> d.id()))
                .value("sourceCampaign", Opportunity::sourceCampaign)
                .value("lostReason", Opportunity::lostReason)
                .value("lastActivityAt", Opportunity::lastActivityAt)
                .added("stageComment", newest(before, after).flatMap(StageChange::comment))
                .changes();
    }

    /** The stage change {@code after} added to {@code before}'s history, if any. */
    private static Optional<StageChange> newest(@Nullable Opportunity before, Opportunity after) {
        int known = before == null ? 0 : before.stageHistory().size();
        List<StageChange> now = after.stageHistory();
        return now.size() > known && before != null ? Optional.of(now.get(now.size() - 1)) : Optional.empty();
    }
}
