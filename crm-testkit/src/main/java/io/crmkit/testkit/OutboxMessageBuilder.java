package io.crmkit.testkit;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.messaging.OutboxMessage;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link OutboxMessage} for tests; start one with {@link TestData#outboxMessage}. Not thread-safe.
 */
public final class OutboxMessageBuilder {
    private MessageId id;
    private String idempotencyKey;
    private String to;
    private MessageContent content;
    private CustomerId customerId;
    private InteractionId interactionId;
    private DeliveryStatus status = DeliveryStatus.QUEUED;
    private int attempts;
    private Instant nextAttemptAt;
    private @Nullable Instant leaseUntil;
    private @Nullable String lastError;
    private @Nullable String providerMessageId;
    private Instant createdAt;
    private Instant updatedAt;
    private long version = 1;

    OutboxMessageBuilder(MessageId id, CustomerId customerId, InteractionId interactionId, MessageContent content,
                         Instant now) {
        this.id = id;
        this.idempotencyKey = "key-" + id.value();
        this.to = content.kind() == ChannelKind.EMAIL ? "customer@example.com" : "+8613800138000";
        this.content = content;
        this.customerId = customerId;
        this.interactionId = interactionId;
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public OutboxMessageBuilder id(MessageId id) { this.id = id; return this; }
    public OutboxMessageBuilder idempotencyKey(String key) { this.idempotencyKey = key; return this; }
    public OutboxMessageBuilder to(String to) { this.to = to; return this; }
    public OutboxMessageBuilder content(MessageContent content) { this.content = content; return this; }
    public OutboxMessageBuilder customer(CustomerId customerId) { this.customerId = customerId; return this; }
    public OutboxMessageBuilder interaction(InteractionId interactionId) { this.interactionId = interactionId; return this; }
    public OutboxMessageBuilder status(DeliveryStatus status) { this.status = status; return this; }
    public OutboxMessageBuilder attempts(int attempts) { this.attempts = attempts; return this; }
    public OutboxMessageBuilder nextAttemptAt(Instant at) { this.nextAttemptAt = at; return this; }
    public OutboxMessageBuilder leaseUntil(@Nullable Instant until) { this.leaseUntil = until; return this; }
    public OutboxMessageBuilder lastError(@Nullable String error) { this.lastError = error; return this; }
    public OutboxMessageBuilder providerMessageId(@Nullable String id) { this.providerMessageId = id; return this; }
    public OutboxMessageBuilder createdAt(Instant at) { this.createdAt = at; return this; }
    public OutboxMessageBuilder updatedAt(Instant at) { this.updatedAt = at; return this; }
    public OutboxMessageBuilder version(long version) { this.version = version; return this; }

    public OutboxMessage build() {
        return new OutboxMessage(new OutboundMessage(id, idempotencyKey, to, content), customerId, interactionId, status,
                attempts, nextAttemptAt, Optional.ofNullable(leaseUntil), Optional.ofNullable(lastError),
                Optional.ofNullable(providerMessageId), createdAt, updatedAt, version);
    }
}
