package io.crmkit.core.marketing;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.security.AccessScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Storage port for campaigns, with their status history, and their members. Listings of campaigns hold only what
 * their {@link AccessScope} admits: a campaign by its owner or its department. Members are reached through their
 * campaign, which the service checks.
 */
public interface CampaignRepository {
    /** @throws io.crmkit.core.ConflictException if its id is taken */
    void insert(Campaign campaign);

    Optional<Campaign> findById(CampaignId id);

    /** The campaign with this id; {@link NotFoundException} if there is none. */
    default Campaign require(CampaignId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no campaign " + id));
    }

    /**
     * Replaces a campaign whose stored version is {@code campaign.version() - 1}, with its status history (which only
     * grows).
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws io.crmkit.core.NotFoundException if there is no such campaign
     */
    void update(Campaign campaign);

    /** Matching campaigns that the scope admits, by start date, then id. */
    Page<Campaign> search(CampaignQuery query, AccessScope scope, PageRequest page);

    /**
     * Stores the members whose customer is not a member of their campaign yet, and returns how many it stored: adding
     * a customer twice keeps the first membership.
     */
    int addMembers(List<CampaignMember> members);

    Optional<CampaignMember> findMember(CampaignId campaign, CustomerId customer);

    /** The member a campaign's message went to. */
    Optional<CampaignMember> findMemberByMessage(MessageId message);

    /**
     * Replaces a member whose stored version is {@code member.version() - 1}.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws io.crmkit.core.NotFoundException if there is no such member
     */
    void updateMember(CampaignMember member);

    /** A campaign's members, those in {@code status} only if given, by customer id. */
    Page<CampaignMember> members(CampaignId campaign, Optional<MemberStatus> status, PageRequest page);

    /** How many of a campaign's members reached each status; {@code responded} are the statuses that count as a response. */
    MemberCounts countMembers(CampaignId campaign, Set<MemberStatus> responded);

    /**
     * The purchases of the campaign's members, and their won opportunities whose source is the campaign, from a
     * member's send until {@code window} after it (the end excluded), one per purchase or opportunity, in any order.
     */
    List<MemberConversion> conversions(CampaignId campaign, Duration window, Set<MemberStatus> responded);

    /** When each of these customers last bought; customers who never bought are left out. */
    Map<CustomerId, Instant> lastPurchases(Collection<CustomerId> customers);

    /** Every campaign send to these customers in {@code [from, to)}, in any order. */
    List<CampaignTouch> touches(Collection<CustomerId> customers, Instant from, Instant to);
}
