package io.crmkit.analytics.marketing;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.marketing.CampaignMember;
import io.crmkit.core.marketing.CampaignService;
import io.crmkit.core.marketing.MemberStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A deterministic split of a campaign's members into variants by weight: a member's variant is a function of the
 * campaign id, the customer id and the variants alone (the first 8 bytes of SHA-256 of the two ids, as an unsigned
 * number modulo the total weight, falling into the variants' weight ranges in their order), so every process and
 * every run assigns the same member to the same variant, and with many members each variant gets about its weight's
 * share. Immutable and thread-safe.
 *
 * <pre>{@code
 * Variants ab = Variants.of(Variant.of("A", 50), Variant.of("B", 50));
 * String v = ab.assign(campaign.id(), customer.id());
 * }</pre>
 */
public final class Variants {
    /** Most variants. */
    public static final int MAX_VARIANTS = 26;

    private final List<Variant> variants;
    private final long total;

    private Variants(List<Variant> variants) {
        this.variants = List.copyOf(variants);
        this.total = variants.stream().mapToLong(Variant::weight).sum();
    }

    /** @throws io.crmkit.core.ValidationException without variants, with too many, or with a code given twice */
    public static Variants of(Variant... variants) {
        Objects.requireNonNull(variants, "variants");
        Set<String> codes = new HashSet<>();
        for (Variant v : variants) {
            if (!codes.add(Objects.requireNonNull(v, "variant").code())) {
                throw io.crmkit.core.ValidationException.of("variants", "duplicate", "names " + v.code() + " twice");
            }
        }
        if (variants.length == 0 || variants.length > MAX_VARIANTS) {
            throw io.crmkit.core.ValidationException.of("variants", "count", "must be 1 to " + MAX_VARIANTS);
        }
        return new Variants(List.of(variants));
    }

    public List<Variant> variants() {
        return variants;
    }

    /** The code of the variant this member of this campaign is in. */
    public String assign(CampaignId campaign, CustomerId customer) {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(customer, "customer");
        long slot = Long.remainderUnsigned(hash(campaign, customer), total);
        long upTo = 0;
        for (Variant v : variants) {
            upTo += v.weight();
            if (slot < upTo) {
                return v.code();
            }
        }
        throw new IllegalStateException("slot " + slot + " beyond the total weight " + total);
    }

    private static long hash(CampaignId campaign, CustomerId customer) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(campaign.toString().getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '/');
            sha.update(customer.toString().getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Counts the campaign's members per variant, reading the members page by page through the service (so as the
     * actor may): how many there are, how many were sent to, and how many responded (reached one of
     * {@code responded}, for instance {@code MarketingSettings.respondedStatuses()}).
     */
    public Map<String, VariantResult> results(CampaignService campaigns, CampaignId campaign, Set<MemberStatus> responded) {
        Map<String, long[]> counts = new LinkedHashMap<>();
        variants.forEach(v -> counts.put(v.code(), new long[3]));
        Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
        while (page.isPresent()) {
            Page<CampaignMember> members = campaigns.members(campaign, page.get());
            for (CampaignMember m : members.items()) {
                long[] n = Objects.requireNonNull(counts.get(assign(campaign, m.customerId())), "variant"); // assign returns a code of counts
                n[0]++;
                n[1] += m.sentAt().isPresent() ? 1 : 0;
                n[2] += responded.stream().anyMatch(m.reached()::containsKey) ? 1 : 0;
            }
            page = page.get().next(members);
        }
        Map<String, VariantResult> out = new LinkedHashMap<>();
        counts.forEach((code, n) -> out.put(code, new VariantResult(code, n[0], n[1], n[2])));
        return out;
    }
}
