package io.crmkit.core.interaction;

/** How the contact happened. */
public enum InteractionChannel {
    VISIT,
    CALL,
    EMAIL,
    SMS,
    MEETING,
    CHAT,
    OTHER
}
