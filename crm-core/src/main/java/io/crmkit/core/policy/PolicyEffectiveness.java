package io.crmkit.core.policy;

import io.crmkit.core.satisfaction.SurveyKind;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How well a policy worked for its contacts made in {@code [from, to)}: responses (an inbound interaction within the
 * response window after a contact), survey answers and purchases within the window, beside the customers of the
 * segment the policy never contacted and how many of them bought in the period (the comparison group).
 *
 * @param contacts             contacts made (tasks and queued messages)
 * @param contactedCustomers   distinct customers contacted
 * @param respondedCustomers   contacted customers with an inbound interaction in a window
 * @param surveys              survey answers in a window, by kind: how many and the sum of their scores
 * @param purchasedAfterContact contacted customers who bought in a window
 * @param notContacted         customers of the segment (as the actor sees it) the policy never contacted
 * @param notContactedPurchased of those, how many bought in {@code [from, to)}
 */
public record PolicyEffectiveness(PolicyId policyId, Instant from, Instant to, long contacts, long contactedCustomers,
                                  long respondedCustomers, Map<SurveyKind, ScoreSum> surveys, long purchasedAfterContact,
                                  long notContacted, long notContactedPurchased) {
    /** Survey answers of one kind: how many, and the sum of their scores. */
    public record ScoreSum(long count, long sum) {
        public OptionalDouble average() {
            return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) sum / count);
        }
    }

    public PolicyEffectiveness {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        surveys = surveys.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(surveys));
    }

    /** The share of contacted customers who responded; empty without contacts. */
    public OptionalDouble responseRate() {
        return rate(respondedCustomers, contactedCustomers);
    }

    /** The share of contacted customers who bought within a window. */
    public OptionalDouble purchaseRate() {
        return rate(purchasedAfterContact, contactedCustomers);
    }

    /** The share of never-contacted customers of the segment who bought in the period. */
    public OptionalDouble notContactedPurchaseRate() {
        return rate(notContactedPurchased, notContacted);
    }

    private static OptionalDouble rate(long part, long whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
    }
}
