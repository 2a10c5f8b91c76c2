package io.crmkit.core.customer;

/** A way to reach a customer; consent is kept per channel. */
public enum ContactChannel {
    EMAIL,
    SMS,
    VOICE,
    POST,
    CHAT
}
