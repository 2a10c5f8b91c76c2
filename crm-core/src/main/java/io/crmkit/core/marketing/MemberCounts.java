package io.crmkit.core.marketing;

/**
 * How many members of a campaign reached each status (whatever they are in now), as storage counts them.
 *
 * @param members   all members
 * @param targeted  still targeted: not sent to yet
 * @param sent      sent to
 * @param delivered reported delivered
 * @param failed    failed
 * @param responded reached any of the statuses counted as a response
 * @param optedOut  opted out
 * @param converted marked converted
 */
public record MemberCounts(long members, long targeted, long sent, long delivered, long failed, long responded,
                           long optedOut, long converted) {
}
