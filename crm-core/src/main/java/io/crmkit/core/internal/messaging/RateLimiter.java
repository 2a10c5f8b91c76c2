package io.crmkit.core.internal.messaging;

import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessagingSettings;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Fixed-window send limits per kind for one CRM instance: at most {@code limit} sends in each window.
 * Thread-safe.
 */
final class RateLimiter {
    private final Map<ChannelKind, MessagingSettings.RateLimit> limits;
    private final Map<ChannelKind, long[]> state = new EnumMap<>(ChannelKind.class); // {window start, used}

    RateLimiter(Map<ChannelKind, MessagingSettings.RateLimit> limits) {
        this.limits = limits;
    }

    /** Takes a permit, or tells when the next window opens. */
    synchronized Optional<Instant> acquire(ChannelKind kind, Instant now) {
        MessagingSettings.RateLimit limit = limits.get(kind);
        if (limit == null) {
            return Optional.empty();
        }
        long windowMillis = Math.max(1, limit.window().toMillis());
        long t = now.toEpochMilli();
        long windowStart = t - Math.floorMod(t, windowMillis);
        long[] s = state.computeIfAbsent(kind, k -> new long[] {windowStart, 0});
        if (s[0] != windowStart) {
            s[0] = windowStart;
            s[1] = 0;
        }
        if (s[1] < limit.permits()) {
            s[1]++;
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(windowStart + windowMillis));
    }
}
