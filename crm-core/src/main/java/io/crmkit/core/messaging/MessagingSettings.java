package io.crmkit.core.messaging;

import io.crmkit.core.Checks;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a {@code Crm} sends messages: the channel per kind, quiet hours, rate limits, retries and the
 * dispatcher. Immutable and thread-safe; build one with {@link #builder()} and pass it to
 * {@code Crm.builder().messaging(settings)}. Without it a CRM has no channels and refuses to send. The
 * channels belong to the CRM built with the settings: closing the CRM closes them, so give each CRM
 * channels of its own.
 *
 * <pre>{@code
 * MessagingSettings messaging = MessagingSettings.builder()
 *         .channel(smtpChannel).channel(smsChannel)
 *         .quietHours(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0)), ChannelKind.SMS, ChannelKind.VOICE)
 *         .defaultTimeZone(ZoneId.of("Asia/Shanghai"))
 *         .rateLimit(ChannelKind.SMS, 20, Duration.ofSeconds(1))
 *         .backgroundDispatch(Duration.ofSeconds(5))
 *         .build();
 * }</pre>
 */
public final class MessagingSettings {
    /** No channels: every send is refused as having no channel. */
    public static final MessagingSettings NONE = builder().build();

    /** At most {@code permits} messages in each {@code window}. */
    public record RateLimit(int permits, Duration window) {
        public RateLimit {
            Objects.requireNonNull(window, "window");
        }
    }

    private final Map<ChannelKind, MessageChannel> channels;
    private final @Nullable QuietHours quietHours;
    private final Set<ChannelKind> quietKinds;
    private final ZoneId defaultZone;
    private final Map<ChannelKind, RateLimit> rateLimits;
    private final RetryPolicy retryPolicy;
    private final @Nullable Duration backgroundInterval;
    private final int batchSize;
    private final Duration lease;
    private final Duration shutdownWait;

    private MessagingSettings(Builder b) {
        this.channels = Map.copyOf(b.channels);
        this.quietHours = b.quietHours;
        this.quietKinds = Set.copyOf(b.quietKinds);
        this.defaultZone = b.defaultZone;
        this.rateLimits = Map.copyOf(b.rateLimits);
        this.retryPolicy = b.retryPolicy;
        this.backgroundInterval = b.backgroundInterval;
        this.batchSize = b.batchSize;
        this.lease = b.lease;
        this.shutdownWait = b.shutdownWait;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The transport per kind of message. */
    public Map<ChannelKind, MessageChannel> channels() {
        return channels;
    }

    public Optional<QuietHours> quietHours() {
        return Optional.ofNullable(quietHours);
    }

    /** The kinds quiet hours apply to. */
    public Set<ChannelKind> quietKinds() {
        return quietKinds;
    }

    /** The time zone of customers without one, for quiet hours. */
    public ZoneId defaultZone() {
        return defaultZone;
    }

    /** Send limits per kind, per CRM instance. */
    public Map<ChannelKind, RateLimit> rateLimits() {
        return rateLimits;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** How often the background dispatcher looks for due messages; empty: the host calls dispatchPending() itself. */
    public Optional<Duration> backgroundInterval() {
        return Optional.ofNullable(backgroundInterval);
    }

    /** Messages claimed per dispatcher batch. */
    public int batchSize() {
        return batchSize;
    }

    /** How long a claimed message is kept from other dispatchers; longer than the slowest send. */
    public Duration lease() {
        return lease;
    }

    /** How long closing the CRM waits for a batch in flight. */
    public Duration shutdownWait() {
        return shutdownWait;
    }

    /** Whether quiet hours apply to messages of this kind. */
    public boolean hasQuietHours(ChannelKind kind) {
        return quietHours != null && quietKinds.contains(kind);
    }

    /**
     * The earliest time at or after {@code at} outside quiet hours in the customer's zone (the default zone
     * when the customer has none), for a kind that quiet hours apply to; {@code at} itself otherwise.
     */
    public Instant outsideQuietHours(ChannelKind kind, Instant at, Optional<ZoneId> customerZone) {
        if (quietHours == null || !quietKinds.contains(kind)) {
            return at;
        }
        return quietHours.deferral(at, customerZone.orElse(defaultZone)).orElse(at);
    }

    @Override
    public String toString() {
        return "MessagingSettings[channels=" + channels.keySet() + ", quietHours=" + quietHours + " for " + quietKinds
                + ", rateLimits=" + rateLimits + ", retry=" + retryPolicy + ", background=" + backgroundInterval + "]";
    }

    /**
     * Builds {@link MessagingSettings}. Setters reject null at once; {@link #build()} reports every other bad
     * setting in one {@link io.crmkit.core.ValidationException}. Not thread-safe.
     */
    public static final class Builder {
        private final Map<ChannelKind, MessageChannel> channels = new EnumMap<>(ChannelKind.class);
        private @Nullable QuietHours quietHours;
        private Set<ChannelKind> quietKinds = EnumSet.noneOf(ChannelKind.class);
        private ZoneId defaultZone = ZoneOffset.UTC;
        private final Map<ChannelKind, RateLimit> rateLimits = new EnumMap<>(ChannelKind.class);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private @Nullable Duration backgroundInterval;
        private int batchSize = 50;
        private Duration lease = Duration.ofMinutes(5);
        private Duration shutdownWait = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Registers the transport for one kind of message, replacing an earlier one of that kind. */
        public Builder channel(MessageChannel channel) {
            Objects.requireNonNull(channel, "channel");
            channels.put(Objects.requireNonNull(channel.kind(), "channel.kind()"), channel);
            return this;
        }

        /**
         * Messages of these kinds queued inside the window (in the customer's time zone, or the default zone)
         * wait until it ends. Default: none.
         */
        public Builder quietHours(QuietHours hours, ChannelKind... kinds) {
            this.quietHours = Objects.requireNonNull(hours, "hours");
            Set<ChannelKind> set = EnumSet.noneOf(ChannelKind.class);
            for (ChannelKind kind : kinds) {
                set.add(Objects.requireNonNull(kind, "kinds"));
            }
            this.quietKinds = set;
            return this;
        }

        /** The time zone for customers without one (quiet hours). Default: UTC. */
        public Builder defaultTimeZone(ZoneId zone) {
            this.defaultZone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** At most {@code permits} messages of {@code kind} per {@code window}, per CRM instance; the rest wait. */
        public Builder rateLimit(ChannelKind kind, int permits, Duration window) {
            Objects.requireNonNull(kind, "kind");
            rateLimits.put(kind, new RateLimit(permits, window));
            return this;
        }

        /** How transient delivery failures are retried. Default: {@link RetryPolicy#DEFAULT}. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sends queued messages on a background thread owned by the CRM, looking every {@code interval}
         * and right after each send. Without it, the host calls {@code crm.messaging().dispatchPending()}.
         */
        public Builder backgroundDispatch(Duration interval) {
            this.backgroundInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Tunes the dispatcher: messages claimed per batch, how long a claim keeps other dispatchers off a
         * message (it must exceed the slowest send), and how long closing the CRM waits for a batch in
         * flight. Defaults: 50, 5 minutes, 30 seconds.
         */
        public Builder dispatcher(int batchSize, Duration lease, Duration shutdownWait) {
            this.batchSize = batchSize;
            this.lease = Objects.requireNonNull(lease, "lease");
            this.shutdownWait = Objects.requireNonNull(shutdownWait, "shutdownWait");
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public MessagingSettings build() {
            Checks checks = new Checks();
            checks.require(quietHours == null || !quietKinds.isEmpty(), "quietHours.kinds", "required",
                    "name the kinds quiet hours apply to, e.g. SMS and VOICE");
            rateLimits.forEach((kind, limit) -> {
                String field = "rateLimit." + kind;
                checks.require(limit.permits() >= 1, field + ".permits", "range", "must be at least 1");
                checks.positive(field + ".window", limit.window());
            });
            if (backgroundInterval != null) {
                checks.positive("backgroundDispatch", backgroundInterval);
            }
            checks.require(batchSize >= 1, "dispatcher.batchSize", "range", "must be at least 1 but was " + batchSize);
            checks.positive("dispatcher.lease", lease);
            checks.require(!shutdownWait.isNegative(), "dispatcher.shutdownWait", "range", "must not be negative");
            checks.throwIfAny();
            return new MessagingSettings(this);
        }
    }
}
