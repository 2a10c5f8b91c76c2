package io.crmkit.testkit;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.security.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Builds an {@link Interaction} for tests; start one with {@link TestData#interaction(CustomerId)}. Not thread-safe. */
public final class InteractionBuilder {
    private InteractionId id;
    private CustomerId customerId;
    private InteractionChannel channel = InteractionChannel.CALL;
    private Direction direction = Direction.INBOUND;
    private @Nullable String subject;
    private @Nullable String notes;
    private Instant occurredAt;
    private @Nullable Duration duration;
    private String author = "agent-1";
    private @Nullable String outcome;
    private final List<RecordLink> links = new ArrayList<>();
    private Instant recordedAt;
    private @Nullable DeliveryStatus deliveryStatus;
    private @Nullable String providerMessageId;

    InteractionBuilder(InteractionId id, CustomerId customerId, Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.occurredAt = now;
        this.recordedAt = now;
    }

    public InteractionBuilder id(InteractionId id) { this.id = id; return this; }
    public InteractionBuilder customer(CustomerId customerId) { this.customerId = customerId; return this; }
    public InteractionBuilder channel(InteractionChannel channel) { this.channel = channel; return this; }
    public InteractionBuilder direction(Direction direction) { this.direction = direction; return this; }
    public InteractionBuilder subject(@Nullable String subject) { this.subject = subject; return this; }
    public InteractionBuilder notes(@Nullable String notes) { this.notes = notes; return this; }
    public InteractionBuilder occurredAt(Instant occurredAt) { this.occurredAt = occurredAt; return this; }
    public InteractionBuilder duration(@Nullable Duration duration) { this.duration = duration; return this; }
    public InteractionBuilder author(String author) { this.author = author; return this; }
    public InteractionBuilder outcome(@Nullable String outcome) { this.outcome = outcome; return this; }
    public InteractionBuilder link(RecordLink.Type type, java.util.UUID id) { this.links.add(new RecordLink(type, id)); return this; }
    public InteractionBuilder recordedAt(Instant recordedAt) { this.recordedAt = recordedAt; return this; }
    /** For an outbound message: where its delivery stands; {@code null} (the default) for other interactions. */
    public InteractionBuilder deliveryStatus(@Nullable DeliveryStatus status) { this.deliveryStatus = status; return this; }
    /** For a sent message: the provider's id for it. */
    public InteractionBuilder providerMessageId(@Nullable String id) { this.providerMessageId = id; return this; }

    public Interaction build() {
        return new Interaction(id, customerId, channel, direction, Optional.ofNullable(subject), Optional.ofNullable(notes),
                occurredAt, Optional.ofNullable(duration), UserRef.of(author), Optional.ofNullable(outcome), links, recordedAt,
                Optional.ofNullable(deliveryStatus), Optional.ofNullable(providerMessageId));
    }
}
