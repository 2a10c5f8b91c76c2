package io.crmkit.core.policy;

/** Why a policy did not contact a due customer. */
public enum ContactRefusal {
    /** The customer had the most contacts of every channel allowed today. */
    DAILY_CAP,
    /** ... in the rolling week. */
    WEEKLY_CAP,
    /** ... in the rolling month. */
    MONTHLY_CAP,
    /** The customer had the most contacts on the policy's channel allowed today. */
    CHANNEL_DAILY_CAP,
    /** ... on the channel in the rolling week. */
    CHANNEL_WEEKLY_CAP,
    /** ... on the channel in the rolling month. */
    CHANNEL_MONTHLY_CAP,
    /** It is within the quiet hours in the customer's time zone: messages wait for a later run. */
    QUIET_HOURS,
    /** A pause window, global or the customer's, covers the due date. */
    PAUSED,
    /** The customer gave no consent for the channel, or withdrew it. */
    NO_CONSENT,
    /** Contacted by the policy's method within the cadence, or the event has no contact due. */
    NOT_DUE,
    /** Messaging refused the message (no address, an SMS to a fixed line); it is on the timeline as refused. */
    UNDELIVERABLE,
    /** The acting user may not create the task or message for this customer. */
    ACCESS_DENIED
}
