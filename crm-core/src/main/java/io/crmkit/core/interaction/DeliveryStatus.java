package io.crmkit.core.interaction;

/** Where an outbound message stands, as shown on the timeline. */
public enum DeliveryStatus {
    /** Waiting in the outbox: not sent yet, or waiting for a retry or the end of quiet hours. */
    QUEUED,
    /** Handed to the provider. */
    SENT,
    /** The provider reported it delivered. */
    DELIVERED,
    /** Failed permanently; not retried. */
    FAILED,
    /** Failed transiently too often; dead-lettered and listed for people to look at. */
    DEAD,
    /** Not sent at all: the customer opted out or was archived, or an SMS would have gone to a fixed line. */
    REFUSED;

    /** Whether nothing more will happen to the message by itself. */
    public boolean isFinal() {
        return this != QUEUED && this != SENT;
    }
}
