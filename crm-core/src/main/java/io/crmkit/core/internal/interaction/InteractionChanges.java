package io.crmkit.core.internal.interaction;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain.Change;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.List;

/** The fields of a logged interaction an audit entry lists. */
final class InteractionChanges {
    private InteractionChanges() {
    }

    /** Records that {@code logged} was logged. */
    static void created(Engine.Tx tx, UserRef actor, Interaction logged) {
        tx.audit(AuditSource.API, actor, RecordKind.INTERACTION, logged.id().value(), AuditAction.CREATE,
                () -> between(logged));
    }

    static List<Change> between(Interaction logged) {
        return Diff.of(null, logged)
                .value("customerId", Interaction::customerId)
                .value("channel", Interaction::channel)
                .value("direction", Interaction::direction)
                .value("subject", Interaction::subject)
                .value("notes", Interaction::notes)
                .value("occurredAt", Interaction::occurredAt)
                .value("duration", Interaction::duration)
                .value("outcome", Interaction::outcome)
                .lines("links", Interaction::links, link -> link.type() + ":" + link.id())
                .changes();
    }
}
