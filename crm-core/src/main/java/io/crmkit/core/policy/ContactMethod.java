package io.crmkit.core.policy;

import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.messaging.ChannelKind;
import java.util.Optional;

/**
 * How a policy contacts a customer. Calls and visits become tasks for the policy's owner; email, SMS and voice
 * become messages through {@code crm.messaging()}.
 */
public enum ContactMethod {
    /** A phone call by a person: a task for the owner. */
    CALL(InteractionChannel.CALL, ContactChannel.VOICE, null),
    /** A visit: a task for the owner. */
    VISIT(InteractionChannel.VISIT, null, null),
    /** An email through messaging. */
    EMAIL(InteractionChannel.EMAIL, ContactChannel.EMAIL, ChannelKind.EMAIL),
    /** An SMS through messaging. */
    SMS(InteractionChannel.SMS, ContactChannel.SMS, ChannelKind.SMS),
    /** An automated voice call through messaging. */
    VOICE(InteractionChannel.CALL, ContactChannel.VOICE, ChannelKind.VOICE);

    private final InteractionChannel timelineChannel;
    private final @org.jspecify.annotations.Nullable ContactChannel consentChannel;
    private final @org.jspecify.annotations.Nullable ChannelKind messageKind;

    ContactMethod(InteractionChannel timelineChannel, @org.jspecify.annotations.Nullable ContactChannel consentChannel,
                  @org.jspecify.annotations.Nullable ChannelKind messageKind) {
        this.timelineChannel = timelineChannel;
        this.consentChannel = consentChannel;
        this.messageKind = messageKind;
    }

    /** How a contact by this method shows on the timeline, and which interactions count as one. */
    public InteractionChannel timelineChannel() {
        return timelineChannel;
    }

    /** The channel whose consent a policy of this method needs unless it names another; none for visits. */
    public Optional<ContactChannel> defaultChannel() {
        return Optional.ofNullable(consentChannel);
    }

    /** The kind of message this method sends; empty for calls and visits, which become tasks. */
    public Optional<ChannelKind> messageKind() {
        return Optional.ofNullable(messageKind);
    }

    /** Whether a contact by this method is a message (otherwise a task). */
    public boolean isMessage() {
        return messageKind != null;
    }
}
