package io.crmkit.core.marketing;

/**
 * What one {@link CampaignService#send} did to the members that were still targeted.
 *
 * @param sent     queued with messaging (possibly deferred for quiet hours)
 * @param failed   not sent: no consent, no address, a refusal
 * @param optedOut not sent: they opted out of the channel
 */
public record SendReport(int sent, int failed, int optedOut) {
    /** How many members it handled. */
    public int total() {
        return sent + failed + optedOut;
    }
}
