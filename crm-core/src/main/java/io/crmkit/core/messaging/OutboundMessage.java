package io.crmkit.core.messaging;

import java.util.Objects;

/**
 * A message as a transport sees it: where to, what, and the idempotency key that stays the same across
 * every retry of this message. Transports pass the key to gateways that honour one.
 *
 * @param to an email address for EMAIL, an E.164 number for SMS and VOICE
 */
public record OutboundMessage(MessageId id, String idempotencyKey, String to, MessageContent content) {
    public OutboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(content, "content");
    }

    public ChannelKind kind() {
        return content.kind();
    }
}
