package io.crmkit.core.marketing;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.messaging.MessageId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer in a campaign: its current status, the message the campaign sent it, why it failed or opted out if it
 * did, and when it first reached each status (its status history). A customer is a member of a campaign once.
 * Immutable; {@link #moveTo} returns the changed member with the next version.
 *
 * @param campaignId the campaign
 * @param customerId the customer
 * @param status     where it stands now
 * @param messageId  the message sent to it, once sent
 * @param reason     why it failed or opted out, if it did
 * @param reached    when it first reached each status it reached; {@link MemberStatus#TARGETED} always
 * @param version    its version, for optimistic locking
 */
public record CampaignMember(CampaignId campaignId, CustomerId customerId, MemberStatus status,
                             Optional<MessageId> messageId, Optional<String> reason, Map<MemberStatus, Instant> reached,
                             long version) {
    /** Longest reason, in characters. */
    public static final int MAX_REASON = 500;

    public CampaignMember {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(reason, "reason");
        EnumMap<MemberStatus, Instant> copy = new EnumMap<>(MemberStatus.class);
        copy.putAll(reached);
        if (!copy.containsKey(MemberStatus.TARGETED)) {
            throw new IllegalArgumentException("a member was targeted before anything else: " + reached);
        }
        reached = Collections.unmodifiableMap(copy);
    }

    /** A new member, targeted at {@code at}. */
    public static CampaignMember targeted(CampaignId campaignId, CustomerId customerId, Instant at) {
        return new CampaignMember(campaignId, customerId, MemberStatus.TARGETED, Optional.empty(), Optional.empty(),
                Map.of(MemberStatus.TARGETED, at), 1);
    }

    /**
     * The member in {@code to} from {@code at} (the first time it reached {@code to} is kept), with the message and
     * reason given (an empty one keeps the current), at the next version.
     */
    public CampaignMember moveTo(MemberStatus to, Instant at, Optional<MessageId> message, Optional<String> why) {
        Map<MemberStatus, Instant> r = new EnumMap<>(reached);
        r.putIfAbsent(to, at);
        return new CampaignMember(campaignId, customerId, to, message.or(this::messageId), why.or(this::reason), r,
                version + 1);
    }

    /**
     * The member with {@code at} recorded as the time it reached {@code s} (if it had not before), its status kept,
     * at the next version: a response of a member that converted already.
     */
    public CampaignMember reach(MemberStatus s, Instant at) {
        Map<MemberStatus, Instant> r = new EnumMap<>(reached);
        r.putIfAbsent(s, at);
        return new CampaignMember(campaignId, customerId, status, messageId, reason, r, version + 1);
    }

    /** When it first reached {@code s}, if it did. */
    public Optional<Instant> reachedAt(MemberStatus s) {
        return Optional.ofNullable(reached.get(s));
    }

    /** When it was added. */
    public Instant addedAt() {
        return Objects.requireNonNull(reached.get(MemberStatus.TARGETED), "targeted"); // the constructor insists
    }

    /** When its message was sent, if it was. */
    public Optional<Instant> sentAt() {
        return reachedAt(MemberStatus.SENT);
    }
}
