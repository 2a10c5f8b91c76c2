package io.crmkit.analytics.marketing;

import io.crmkit.analytics.value.RfmScore;
import io.crmkit.analytics.value.RfmSegment;
import io.crmkit.core.customer.CustomerId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The customers of RFM segments, for a campaign:
 * {@code crm.campaigns().addMembers(campaign.id(), RfmMembers.of(scores, RfmSegment.AT_RISK, RfmSegment.HIBERNATING))}.
 */
public final class RfmMembers {
    private RfmMembers() {
    }

    /** The customers whose score is in one of the segments, in the order of the scores. */
    public static List<CustomerId> of(Collection<RfmScore> scores, RfmSegment... segments) {
        Objects.requireNonNull(scores, "scores");
        Set<RfmSegment> wanted = Set.of(segments);
        return scores.stream().filter(s -> wanted.contains(s.segment())).map(RfmScore::customerId).toList();
    }
}
