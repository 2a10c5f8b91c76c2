package io.crmkit.core.policy;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A time when policies contact nobody ({@code customer} empty: a global pause, such as a holiday or an incident) or
 * not one customer (a complaint being handled). {@code [from, to)}; a due date any part of which it covers is paused.
 */
public record PauseWindow(UUID id, Optional<CustomerId> customer, Instant from, Instant to, String reason) {
    /** Longest reason, in characters. */
    public static final int MAX_REASON = 500;

    public PauseWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (!from.isBefore(to)) {
            throw ValidationException.of("to", "before_from", "must be after from " + from);
        }
    }

    /** Whether it covers part of {@code [start, end)}. */
    public boolean overlaps(Instant start, Instant end) {
        return from.isBefore(end) && to.isAfter(start);
    }
}
