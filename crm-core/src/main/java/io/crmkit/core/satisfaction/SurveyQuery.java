package io.crmkit.core.satisfaction;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionChannel;
import java.time.Instant;
import java.util.Optional;

/**
 * Which responses to read: by kind, customer, channel, touchpoint and period {@code [from, to)}. Immutable.
 */
public record SurveyQuery(Optional<SurveyKind> kind, Optional<CustomerId> customerId,
                          Optional<InteractionChannel> channel, Optional<String> touchpoint,
                          Optional<Instant> from, Optional<Instant> to) {
    public static SurveyQuery all() {
        return new SurveyQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public SurveyQuery kind(SurveyKind kind) {
        return new SurveyQuery(Optional.of(kind), customerId, channel, touchpoint, from, to);
    }

    public SurveyQuery customer(CustomerId customer) {
        return new SurveyQuery(kind, Optional.of(customer), channel, touchpoint, from, to);
    }

    public SurveyQuery channel(InteractionChannel channel) {
        return new SurveyQuery(kind, customerId, Optional.of(channel), touchpoint, from, to);
    }

    public SurveyQuery touchpoint(String touchpoint) {
        return new SurveyQuery(kind, customerId, channel, Optional.of(touchpoint), from, to);
    }

    public SurveyQuery between(Instant from, Instant to) {
        return new SurveyQuery(kind, customerId, channel, touchpoint, Optional.of(from), Optional.of(to));
    }

    public boolean matches(SurveyResponse r) {
        return kind.map(k -> k == r.kind()).orElse(true)
                && customerId.map(c -> c.equals(r.customerId())).orElse(true)
                && channel.map(c -> r.channel().map(c::equals).orElse(false)).orElse(true)
                && touchpoint.map(t -> r.touchpoint().map(t::equals).orElse(false)).orElse(true)
                && from.map(f -> !r.respondedAt().isBefore(f)).orElse(true)
                && to.map(t -> r.respondedAt().isBefore(t)).orElse(true);
    }
}
