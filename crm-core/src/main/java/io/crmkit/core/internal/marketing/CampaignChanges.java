package io.crmkit.core.internal.marketing;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The fields of a campaign an audit entry lists as changed. */
final class CampaignChanges {
    private CampaignChanges() {
    }

    /** Records the change from {@code before} (null: none, a create) to {@code after} in the audit trail. */
    static void record(Engine.Tx tx, UserRef actor, AuditAction action, @Nullable Campaign before, Campaign after) {
        tx.audit(actor, RecordKind.CAMPAIGN, after.id().value(), action, () -> between(before, after));
    }

    static List<Change> between(@Nullable Campaign before, Campaign after) {
        return Diff.of(before, after)
                .value("name", Campaign::name)
                .value("channel", Campaign::channel)
                .value("startDate", Campaign::startDate)
                .value("endDate", Campaign::endDate)
                .value("budget", Campaign::budget)
                .value("currency", Campaign::currency)
                .value("status", Campaign::status)
                .value("owner", c -> c.owner().id())
                .value("department", c -> c.department().map(d -> d.id()))
                .value("template", c -> c.template().map(t -> t.subject().map(s -> s + "\n").orElse("") + t.text()))
                .changes();
    }
}
