package io.crmkit.core.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The service levels of one case at one moment ({@code crm.cases().sla(id)}): the policy that applies now and one
 * clock per metric it sets a target for (for {@link SlaMetric#NEXT_RESPONSE} only once a reply cycle began).
 *
 * @param caseId the case
 * @param at     the moment, from the CRM's clock
 * @param policy the name of the matching policy; empty when none matches, and then there are no clocks
 * @param clocks the clocks, in the order of {@link SlaMetric}
 */
public record SlaStatus(ServiceCaseId caseId, Instant at, Optional<String> policy, List<SlaClock> clocks) {
    public SlaStatus {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(policy, "policy");
        clocks = List.copyOf(clocks);
    }

    /** The clock of {@code metric}, if it has one. */
    public Optional<SlaClock> clock(SlaMetric metric) {
        Objects.requireNonNull(metric, "metric");
        return clocks.stream().filter(c -> c.metric() == metric).findFirst();
    }

    /** Whether some clock is breached. */
    public boolean isBreached() {
        return clocks.stream().anyMatch(c -> c.state() == SlaState.BREACHED);
    }
}
