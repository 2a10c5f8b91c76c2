package io.crmkit.core.internal;

import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.QuietHours;
import io.crmkit.core.messaging.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Messaging settings from the builder.
 *
 * @param quietKinds          the kinds quiet hours apply to
 * @param rateLimits          send limits per kind, per CRM instance
 * @param backgroundInterval  how often the background dispatcher looks for due messages; empty: the
 *                            host calls dispatchPending() itself
 * @param lease               how long a claimed message is kept from other dispatchers
 */
public record MessagingConfig(Map<ChannelKind, MessageChannel> channels, Optional<QuietHours> quietHours,
                              Set<ChannelKind> quietKinds, ZoneId defaultZone, Map<ChannelKind, RateLimiter.Limit> rateLimits,
                              RetryPolicy retryPolicy, Optional<Duration> backgroundInterval,
                              int batchSize, Duration lease, Duration shutdownWait) {
    public MessagingConfig {
        channels = Map.copyOf(channels);
        quietKinds = Set.copyOf(quietKinds);
        rateLimits = Map.copyOf(rateLimits);
    }

    /**
     * The earliest time at or after {@code at} outside quiet hours in the customer's zone (the default zone
     * when the customer has none), for a kind that quiet hours apply to; {@code at} itself otherwise.
     */
    public Instant outsideQuietHours(ChannelKind kind, Instant at, Optional<ZoneId> customerZone) {
        if (!hasQuietHours(kind)) {
            return at;
        }
        return quietHours.get().deferral(at, customerZone.orElse(defaultZone)).orElse(at);
    }

    /** Whether quiet hours apply to messages of this kind. */
    public boolean hasQuietHours(ChannelKind kind) {
        return quietHours.isPresent() && quietKinds.contains(kind);
    }

    /** Pairs permits with windows per kind. */
    public static Map<ChannelKind, RateLimiter.Limit> rateLimits(Map<ChannelKind, Integer> permits,
                                                                 Map<ChannelKind, Duration> windows) {
        Map<ChannelKind, RateLimiter.Limit> limits = new java.util.EnumMap<>(ChannelKind.class);
        permits.forEach((kind, n) -> limits.put(kind, new RateLimiter.Limit(n, windows.get(kind))));
        return limits;
    }
}
