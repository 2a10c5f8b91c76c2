package io.crmkit.core.notification;

/** How a notice is pushed to a user, beyond their inbox. */
public enum PushChannel {
    /** An email to the address in the user's preferences, through the CRM's email channel. */
    EMAIL,
    /** An SMS to the number in the user's preferences, through the CRM's SMS channel; waits out quiet hours. */
    SMS,
    /** A {@link NotificationEvent.PushRequested} in the event outbox, for the webhook deliveries to carry. */
    WEBHOOK
}
