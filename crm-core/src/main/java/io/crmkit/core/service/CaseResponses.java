package io.crmkit.core.service;

import io.crmkit.core.interaction.Direction;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The response facts of a case, kept from the interactions linked to it so that its clocks are computed without
 * reading them: an {@code OUTBOUND} interaction is an agent response at its {@code occurredAt}, an {@code INBOUND}
 * one after a response is the customer writing back. Interactions count in the order they are linked.
 *
 * @param firstResponseAt  the first agent response (never before the case's creation)
 * @param awaitedSince     when the latest reply cycle began: the inbound interaction after a response
 * @param nextResponseAt   the response that ended that cycle; empty while a reply is awaited
 */
public record CaseResponses(Optional<Instant> firstResponseAt, Optional<Instant> awaitedSince,
                            Optional<Instant> nextResponseAt) {
    /** No interaction linked yet. */
    public static final CaseResponses NONE = new CaseResponses(Optional.empty(), Optional.empty(), Optional.empty());

    public CaseResponses {
        Objects.requireNonNull(firstResponseAt, "firstResponseAt");
        Objects.requireNonNull(awaitedSince, "awaitedSince");
        Objects.requireNonNull(nextResponseAt, "nextResponseAt");
    }

    /**
     * These facts after one more linked interaction of {@code direction} that occurred at {@code at}, of a case
     * created at {@code createdAt}.
     */
    public CaseResponses with(Direction direction, Instant at, Instant createdAt) {
        Objects.requireNonNull(direction, "direction");
        Instant t = at.isBefore(createdAt) ? createdAt : at;
        if (direction == Direction.OUTBOUND) {
            if (firstResponseAt.isEmpty() || t.isBefore(firstResponseAt.get())) {
                return new CaseResponses(Optional.of(t), awaitedSince, nextResponseAt);
            }
            if (awaitedSince.isPresent() && nextResponseAt.isEmpty() && !t.isBefore(awaitedSince.get())) {
                return new CaseResponses(firstResponseAt, awaitedSince, Optional.of(t));
            }
            return this;
        }
        boolean afterResponse = firstResponseAt.isPresent() && t.isAfter(firstResponseAt.get());
        boolean cycleOver = awaitedSince.isEmpty() || nextResponseAt.isPresent() && t.isAfter(nextResponseAt.get());
        return afterResponse && cycleOver ? new CaseResponses(firstResponseAt, Optional.of(t), Optional.empty()) : this;
    }
}
