package io.crmkit.core.internal.messaging;

import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.internal.AuditDraft.Diff;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fields of an outbox message an audit entry lists: on its creation who it goes to, how and about what (the
 * body is on the customer's timeline, not here), then its delivery status, attempts, error and provider id.
 */
final class MessageChanges {
    private MessageChanges() {
    }

    /** Records the change from {@code before} (null: none, the send) to {@code after} in the audit trail. */
    static void record(Engine.Tx tx, AuditSource source, UserRef actor, @Nullable OutboxMessage before, OutboxMessage after) {
        tx.audit(source, actor, RecordKind.MESSAGE, after.id().value(),
                before == null ? AuditAction.CREATE : AuditAction.TRANSITION, () -> Diff.of(before, after)
                        .value("customerId", OutboxMessage::customerId)
                        .value("kind", OutboxMessage::kind)
                        .value("to", m -> m.message().to())
                        .value("subject", m -> m.message().content() instanceof MessageContent.Email e
                                ? Optional.of(e.subject()) : Optional.empty())
                        .value("interactionId", OutboxMessage::interactionId)
                        .value("status", OutboxMessage::status)
                        .value("attempts", OutboxMessage::attempts)
                        .value("lastError", OutboxMessage::lastError)
                        .value("providerMessageId", OutboxMessage::providerMessageId)
                        .changes());
    }
}
