package io.crmkit.core.marketing;

/**
 * Where one member of a campaign stands. A member starts {@link #TARGETED}; sending moves it to {@link #SENT} (or to
 * {@link #FAILED} or {@link #OPTED_OUT} with a reason), the delivery report to {@link #DELIVERED} or {@link #FAILED},
 * and the host marks {@link #RESPONDED}; {@link #CONVERTED} is marked by the host or found by
 * {@link CampaignService#results} from purchases and won opportunities. Which statuses count as a response is
 * configured in {@link MarketingSettings#respondedStatuses()} (by default {@link #RESPONDED} and {@link #CONVERTED}).
 */
public enum MemberStatus {
    /** Added to the campaign, not sent to yet. */
    TARGETED,
    /** Its message was queued with messaging. */
    SENT,
    /** The provider reported its message delivered. */
    DELIVERED,
    /** Its message could not be sent or delivered (no consent, no address, a permanent failure). */
    FAILED,
    /** It answered: a click, a reply, a visit the host tells of. */
    RESPONDED,
    /** It opted out of the campaign's channel. */
    OPTED_OUT,
    /** It bought, or an opportunity from the campaign was won. */
    CONVERTED
}
