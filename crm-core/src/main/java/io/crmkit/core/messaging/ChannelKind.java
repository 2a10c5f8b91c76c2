package io.crmkit.core.messaging;

import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.interaction.InteractionChannel;

/** The kinds of outbound message, each sent by one registered {@link MessageChannel}. */
public enum ChannelKind {
    EMAIL(ContactChannel.EMAIL, InteractionChannel.EMAIL),
    SMS(ContactChannel.SMS, InteractionChannel.SMS),
    VOICE(ContactChannel.VOICE, InteractionChannel.CALL);

    private final ContactChannel consentChannel;
    private final InteractionChannel interactionChannel;

    ChannelKind(ContactChannel consentChannel, InteractionChannel interactionChannel) {
        this.consentChannel = consentChannel;
        this.interactionChannel = interactionChannel;
    }

    /** The channel whose consent governs this kind. */
    public ContactChannel consentChannel() {
        return consentChannel;
    }

    /** How a message of this kind shows on the timeline. */
    public InteractionChannel interactionChannel() {
        return interactionChannel;
    }
}
