package io.crmkit.core.marketing;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Marketing campaigns: the campaign through its workflow, its members (from segments or lists), sending to them
 * through messaging, and its results. From {@code crm.campaigns()}; thread-safe; every call is one transaction except
 * {@link #addMembers} and {@link #send}, which work in batches of {@link MarketingSettings#batchSize()}, each its own
 * transaction, and may be called again after a failure (they skip what was done). Campaigns are owned records: the
 * access policy's level for {@link io.crmkit.core.security.RecordKind#CAMPAIGN} applies to their owner and
 * department, and one the actor may not read is reported as missing.
 */
public interface CampaignService {
    /**
     * Creates a campaign as a draft (the workflow's initial status), owned by the acting user unless the form names
     * another owner.
     *
     * @throws io.crmkit.core.ValidationException   listing every invalid field
     * @throws io.crmkit.core.AccessDeniedException if the actor may not create it for that owner and department
     */
    Campaign create(NewCampaign campaign);

    Optional<Campaign> get(CampaignId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default Campaign require(CampaignId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no campaign " + id));
    }

    /**
     * Saves an edit form ({@link Campaign#edit()}).
     *
     * @throws io.crmkit.core.ConflictException   if the campaign changed since the edit began
     * @throws io.crmkit.core.ValidationException listing every invalid field
     */
    Campaign update(CampaignEdit edit);

    /**
     * Moves a campaign through its workflow ({@link CampaignStatus#DEFAULT_WORKFLOW} unless the host replaced it).
     *
     * @throws io.crmkit.core.InvalidTransitionException if the workflow forbids the move
     */
    Campaign transition(CampaignId id, CampaignStatus to, @Nullable String comment);

    /** The matching campaigns the actor may read, by start date, then id. */
    Page<Campaign> search(CampaignQuery query, PageRequest page);

    /**
     * Adds every customer of the segment that the actor may read as a member, page by page, and returns how many
     * became members: customers that are members already stay as they are.
     *
     * @throws io.crmkit.core.NotFoundException     if there is no such campaign, or the actor may not read it
     * @throws io.crmkit.core.AccessDeniedException if the actor may not edit it
     */
    int addMembers(CampaignId campaign, Segment segment);

    /**
     * Adds these customers (a list the host made, such as a customer-value segment) as members, those the actor may
     * not read (or that do not exist) left out, and returns how many became members.
     */
    int addMembers(CampaignId campaign, Collection<CustomerId> customers);

    /** A campaign's members, by customer id. */
    Page<CampaignMember> members(CampaignId campaign, PageRequest page);

    /** A campaign's members in one status, by customer id. */
    Page<CampaignMember> members(CampaignId campaign, MemberStatus status, PageRequest page);

    /** One member. */
    Optional<CampaignMember> member(CampaignId campaign, CustomerId customer);

    /**
     * Sends the campaign's template to every member still targeted, through messaging (consent, quiet hours, rate
     * limits, the outbox): each message is on the member's timeline linked to the campaign, and carries the
     * idempotency key {@code campaign:<campaign id>:<customer id>}, so calling it again never sends to a member twice.
     * A member without consent to the channel (or opted out, or without an address) is not sent to and becomes
     * FAILED or OPTED_OUT with the reason. A scheduled campaign starts running with its first message; a campaign
     * completed or cancelled while it sends stops at the next member. Two sends at once share the members
     * between them.
     *
     * @throws io.crmkit.core.ValidationException on {@code status} unless the campaign is scheduled or running, on
     *                                            {@code template} without a template, on {@code kind} without a
     *                                            channel registered for its channel
     */
    SendReport send(CampaignId campaign);

    /**
     * Notes that a member responded (a click, a reply, a call back).
     *
     * @throws io.crmkit.core.NotFoundException if the customer is no member
     */
    CampaignMember markResponded(CampaignId campaign, CustomerId customer);

    /** Notes that a member converted, for conversions the host sees and crmkit cannot. */
    CampaignMember markConverted(CampaignId campaign, CustomerId customer);

    /** The campaign's results, counted in the storage (in SQL on a database). */
    CampaignResults results(CampaignId campaign);

    /**
     * The revenue of the purchases in {@code [from, to)} that the actor may read, attributed to the campaigns that
     * touched the buyer (sent to them) in the conversion window before each purchase, by {@code model}; purchases
     * without a touch are left out.
     */
    Attribution attribute(AttributionModel model, Instant from, Instant to);
}
