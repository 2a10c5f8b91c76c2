package io.crmkit.core.policy;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link PolicyService#execute} did over every due customer of one date.
 *
 * @param refused refusals by reason
 */
public record ExecutionReport(PolicyId policyId, LocalDate date, long tasks, long messages, long alreadyDone,
                              Map<ContactRefusal, Long> refused) {
    public ExecutionReport {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(date, "date");
        refused = refused.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(refused));
    }

    /** Every refusal, whatever the reason. */
    public long refusedTotal() {
        return refused.values().stream().mapToLong(Long::longValue).sum();
    }
}
