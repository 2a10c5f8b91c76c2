package io.crmkit.core.messaging;

import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.InteractionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code crm.messaging().send(...)} did: the message is QUEUED (possibly deferred until
 * {@code notBefore}, for quiet hours) or REFUSED with a reason (no consent, an archived customer, an SMS to a fixed line). Either way it is on the
 * customer's timeline as {@code interactionId}.
 */
public record MessageResult(MessageId messageId, InteractionId interactionId, DeliveryStatus status,
                            Optional<String> reason, Instant notBefore) {
    public MessageResult {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(notBefore, "notBefore");
    }

    public boolean refused() {
        return status == DeliveryStatus.REFUSED;
    }
}
