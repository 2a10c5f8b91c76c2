package io.crmkit.core.interaction;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Filters for a customer's timeline: channels (empty means all) and a period
 * {@code [from, to)} on the time the interaction occurred. Immutable.
 */
public record TimelineQuery(Set<InteractionChannel> channels, Optional<Instant> from, Optional<Instant> to) {
    public TimelineQuery {
        channels = channels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(channels));
    }

    public static TimelineQuery all() {
        return new TimelineQuery(Set.of(), Optional.empty(), Optional.empty());
    }

    public TimelineQuery channels(InteractionChannel first, InteractionChannel... more) {
        return new TimelineQuery(EnumSet.of(first, more), from, to);
    }

    /** Interactions that occurred at or after {@code from} and before {@code to}. */
    public TimelineQuery between(Instant from, Instant to) {
        return new TimelineQuery(channels, Optional.of(from), Optional.of(to));
    }

    public boolean matches(Interaction i) {
        return (channels.isEmpty() || channels.contains(i.channel()))
                && from.map(f -> !i.occurredAt().isBefore(f)).orElse(true)
                && to.map(t -> i.occurredAt().isBefore(t)).orElse(true);
    }
}
