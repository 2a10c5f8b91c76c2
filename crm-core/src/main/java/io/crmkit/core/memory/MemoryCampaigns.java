package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.marketing.CampaignMember;
import io.crmkit.core.marketing.CampaignQuery;
import io.crmkit.core.marketing.CampaignRepository;
import io.crmkit.core.marketing.CampaignTouch;
import io.crmkit.core.marketing.MemberConversion;
import io.crmkit.core.marketing.MemberCounts;
import io.crmkit.core.marketing.MemberStatus;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.sales.ForecastCategory;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Campaigns by id; members by a key made of campaign and customer, found by campaign (a lookup key) and by message (a
 * unique key). Conversions and last purchases read the purchase and opportunity tables of the same storage.
 */
record MemoryCampaigns(Table<Campaign> table, Table<CampaignMember> memberTable, Table<Purchase> purchases,
                       Table<Opportunity> opportunities, MemoryAccess access) implements CampaignRepository {
    private static final Keyset<Campaign, Cursor.DateKey> BY_START = Keyset.byDate(Campaign::startDate, c -> c.id().value());
    private static final Keyset<CampaignMember, Cursor.IdKey> BY_CUSTOMER = Keyset.byId(m -> m.customerId().value());

    /** The unique keys of a member: the message sent to it. */
    static List<Object> memberUniqueKeys(CampaignMember m) {
        return m.messageId().<List<Object>>map(List::of).orElse(List.of());
    }

    /** The lookup keys of a member: its campaign. */
    static List<Object> memberLookupKeys(CampaignMember m) {
        return List.of(m.campaignId());
    }

    private static UUID key(CampaignId campaign, CustomerId customer) {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.putLong(campaign.value().getMostSignificantBits()).putLong(campaign.value().getLeastSignificantBits())
                .putLong(customer.value().getMostSignificantBits()).putLong(customer.value().getLeastSignificantBits());
        return UUID.nameUUIDFromBytes(b.array());
    }

    @Override
    public void insert(Campaign campaign) {
        table.insert(campaign.id().value(), campaign);
    }

    @Override
    public Optional<Campaign> findById(CampaignId id) {
        return table.get(id.value());
    }

    @Override
    public void update(Campaign campaign) {
        table.replace(campaign.id().value(), campaign, Campaign::version, "campaign");
    }

    @Override
    public Page<Campaign> search(CampaignQuery query, AccessScope scope, PageRequest page) {
        return BY_START.page(table.all().filter(c -> query.matches(c) && access.admits(scope, c)), page);
    }

    @Override
    public int addMembers(List<CampaignMember> members) {
        int added = 0;
        for (CampaignMember m : members) {
            UUID key = key(m.campaignId(), m.customerId());
            if (memberTable.get(key).isEmpty()) {
                memberTable.insert(key, m);
                added++;
            }
        }
        return added;
    }

    @Override
    public Optional<CampaignMember> findMember(CampaignId campaign, CustomerId customer) {
        return memberTable.get(key(campaign, customer));
    }

    @Override
    public Optional<CampaignMember> findMemberByMessage(MessageId message) {
        return memberTable.byUniqueKey(message);
    }

    @Override
    public void updateMember(CampaignMember member) {
        UUID key = key(member.campaignId(), member.customerId());
        if (memberTable.get(key).isEmpty()) {
            throw new io.crmkit.core.NotFoundException("customer " + member.customerId() + " is no member of campaign "
                    + member.campaignId());
        }
        memberTable.replace(key, member, CampaignMember::version, "campaign member");
    }

    @Override
    public Page<CampaignMember> members(CampaignId campaign, Optional<MemberStatus> status, PageRequest page) {
        return BY_CUSTOMER.page(memberTable.byLookupKey(campaign)
                .filter(m -> status.map(s -> s == m.status()).orElse(true)), page);
    }

    @Override
    public MemberCounts countMembers(CampaignId campaign, Set<MemberStatus> responded) {
        long[] n = new long[8];
        memberTable.byLookupKey(campaign).forEach(m -> {
            n[0]++;
            n[1] += m.status() == MemberStatus.TARGETED ? 1 : 0;
            n[2] += m.reached().containsKey(MemberStatus.SENT) ? 1 : 0;
            n[3] += m.reached().containsKey(MemberStatus.DELIVERED) ? 1 : 0;
            n[4] += m.reached().containsKey(MemberStatus.FAILED) ? 1 : 0;
            n[5] += responded.stream().anyMatch(m.reached()::containsKey) ? 1 : 0;
            n[6] += m.reached().containsKey(MemberStatus.OPTED_OUT) ? 1 : 0;
            n[7] += m.reached().containsKey(MemberStatus.CONVERTED) ? 1 : 0;
        });
        return new MemberCounts(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
    }

    @Override
    public List<MemberConversion> conversions(CampaignId campaign, Duration window, Set<MemberStatus> responded) {
        Map<CustomerId, CampaignMember> sent = new HashMap<>();
        memberTable.byLookupKey(campaign).filter(m -> m.sentAt().isPresent()).forEach(m -> sent.put(m.customerId(), m));
        List<MemberConversion> out = new ArrayList<>();
        if (sent.isEmpty()) {
            return out;
        }
        purchases.all().forEach(p -> {
            CampaignMember m = sent.get(p.customerId());
            if (m != null && within(m, p.occurredAt(), window)) {
                out.add(conversion(m, p.occurredAt(), p.amount(), p.currency(), responded));
            }
        });
        opportunities.all().filter(o -> o.category() == ForecastCategory.CLOSED_WON
                && o.sourceCampaign().equals(Optional.of(campaign))).forEach(o -> {
            CampaignMember m = sent.get(o.customerId());
            Instant won = o.stageHistory().get(o.stageHistory().size() - 1).at();
            if (m != null && within(m, won, window)) {
                out.add(conversion(m, won, o.amount(), o.currency(), responded));
            }
        });
        return out;
    }

    private static boolean within(CampaignMember m, Instant at, Duration window) {
        Instant sentAt = m.sentAt().orElseThrow();
        return !at.isBefore(sentAt) && at.isBefore(sentAt.plus(window));
    }

    private static MemberConversion conversion(CampaignMember m, Instant at, java.math.BigDecimal amount,
                                               java.util.Currency currency, Set<MemberStatus> responded) {
        return new MemberConversion(m.customerId(), at, amount, currency,
                responded.stream().anyMatch(m.reached()::containsKey), m.reached().containsKey(MemberStatus.CONVERTED));
    }

    @Override
    public Map<CustomerId, Instant> lastPurchases(Collection<CustomerId> customers) {
        Set<CustomerId> wanted = new HashSet<>(customers);
        Map<CustomerId, Instant> last = new HashMap<>();
        purchases.all().filter(p -> wanted.contains(p.customerId()))
                .forEach(p -> last.merge(p.customerId(), p.occurredAt(), (a, b) -> a.isAfter(b) ? a : b));
        return last;
    }

    @Override
    public List<CampaignTouch> touches(Collection<CustomerId> customers, Instant from, Instant to) {
        Set<CustomerId> wanted = new HashSet<>(customers);
        List<CampaignTouch> out = new ArrayList<>();
        memberTable.all().filter(m -> wanted.contains(m.customerId())).forEach(m -> m.sentAt()
                .filter(at -> !at.isBefore(from) && at.isBefore(to))
                .ifPresent(at -> out.add(new CampaignTouch(m.campaignId(), m.customerId(), at))));
        return out;
    }

}
