package io.crmkit.core.notification;

/** Where the push of a notice by email or SMS stands. */
public enum PushStatus {
    /** Waiting to be sent: new, deferred (quiet hours) or to be retried. */
    QUEUED,
    /** Handed to the channel's provider. */
    SENT,
    /** Refused for good by the channel (a permanent error). */
    FAILED,
    /** Given up after the retries of the messaging retry policy. */
    DEAD
}
