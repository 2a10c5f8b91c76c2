package io.crmkit.core.webhook;

import io.crmkit.core.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How webhooks are delivered: the transport, the retry schedule and its jitter, how long an endpoint may fail before
 * it is disabled, the grace period of a rotated secret, the dispatcher's batch, lease and background polling.
 * Immutable.
 *
 * <p>The schedule lists the wait before each attempt: the first entry before the first (0: at once; a replay a person
 * asked for is due at once whatever it says), the next
 * before the first retry, and so on; a delivery is given up after as many attempts as it has entries. The default,
 * 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, spreads eight attempts over a day and a few hours. Each wait is
 * moved by up to {@link #jitter()} of itself at random, so that many deliveries failing together do not come back
 * together; an endpoint's {@code Retry-After} (seconds or an HTTP date, at most {@link #MAX_RETRY_AFTER}) is waited
 * out when it asks for longer.
 *
 * <pre>{@code
 * Crm crm = Crm.builder().storage(storage)
 *     .webhooks(WebhookSettings.builder().transport(OkHttpWebhookTransport.create())
 *         .background(Duration.ofSeconds(1)).build())
 *     .build();
 * }</pre>
 */
public final class WebhookSettings {
    /** The default retry schedule. */
    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10));
    /** The default jitter: waits move by up to a fifth. */
    public static final double DEFAULT_JITTER = 0.2;
    /** How long an endpoint fails before it is disabled, unless set. */
    public static final Duration DEFAULT_DISABLE_AFTER = Duration.ofDays(5);
    /** How long a rotated-out secret still signs, unless set. */
    public static final Duration DEFAULT_SECRET_GRACE = Duration.ofHours(24);
    /** The longest {@code Retry-After} honoured. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);
    /** The most attempts a schedule may list. */
    public static final int MAX_ATTEMPTS = 50;
    /** No transport: deliveries are written and wait. */
    public static final WebhookSettings NONE = builder().build();

    private final @Nullable WebhookTransport transport;
    private final List<Duration> schedule;
    private final double jitter;
    private final Duration disableAfter;
    private final Duration secretGrace;
    private final int batchSize;
    private final Duration lease;
    private final @Nullable Duration background;

    private WebhookSettings(Builder b) {
        this.transport = b.transport;
        this.schedule = List.copyOf(b.schedule);
        this.jitter = b.jitter;
        this.disableAfter = b.disableAfter;
        this.secretGrace = b.secretGrace;
        this.batchSize = b.batchSize;
        this.lease = b.lease;
        this.background = b.background;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<WebhookTransport> transport() {
        return Optional.ofNullable(transport);
    }

    /** The wait before each attempt. */
    public List<Duration> schedule() {
        return schedule;
    }

    /** The fraction (0 to 1) by which each wait moves at random. */
    public double jitter() {
        return jitter;
    }

    /** How long an endpoint's deliveries may fail without a success in between before it is disabled. */
    public Duration disableAfter() {
        return disableAfter;
    }

    /** How long the previous secret still signs after a rotation. */
    public Duration secretGrace() {
        return secretGrace;
    }

    /** The most deliveries a dispatcher claims at once. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * How long a claimed delivery is held: longer than a batch of attempts takes with the transport's timeouts (20 of
     * OkHttpWebhookTransport's 15 s calls are 5 min, the default). Deliveries of a batch whose lease ran out while the
     * ones before them were sent are left for the next claim, not sent.
     */
    public Duration lease() {
        return lease;
    }

    /** The poll interval of the background dispatcher thread, if there is one. */
    public Optional<Duration> background() {
        return Optional.ofNullable(background);
    }

    /** The guard endpoints are registered under: the transport's, or the strict one. */
    public AddressGuard guard() {
        return transport != null ? transport.guard() : AddressGuard.strict();
    }

    @Override
    public String toString() {
        return "WebhookSettings[transport=" + transport + ", schedule=" + schedule + ", jitter=" + jitter
                + ", disableAfter=" + disableAfter + ", batch=" + batchSize + ", lease=" + lease + ", background="
                + background + "]";
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private @Nullable WebhookTransport transport;
        private List<Duration> schedule = DEFAULT_SCHEDULE;
        private double jitter = DEFAULT_JITTER;
        private Duration disableAfter = DEFAULT_DISABLE_AFTER;
        private Duration secretGrace = DEFAULT_SECRET_GRACE;
        private int batchSize = 20;
        private Duration lease = Duration.ofMinutes(5);
        private @Nullable Duration background;

        private Builder() {
        }

        /** How requests are sent (crm-webhooks' {@code OkHttpWebhookTransport}). */
        public Builder transport(WebhookTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The wait before each attempt: 1 to {@value #MAX_ATTEMPTS} entries, none negative. */
        public Builder schedule(Duration... waits) {
            Objects.requireNonNull(waits, "waits");
            for (Duration d : waits) {
                Objects.requireNonNull(d, "wait");
            }
            this.schedule = List.of(waits);
            return this;
        }

        /** 0 (none) to 1. */
        public Builder jitter(double fraction) {
            this.jitter = fraction;
            return this;
        }

        /** More than 0. */
        public Builder disableAfter(Duration duration) {
            this.disableAfter = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** 0 (the old secret stops at once) or more. */
        public Builder secretGrace(Duration duration) {
            this.secretGrace = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** 1 to 1000. */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /** More than 0. */
        public Builder lease(Duration duration) {
            this.lease = Objects.requireNonNull(duration, "duration");
            return this;
        }

        /** Dispatches on a background thread of the CRM, looking for due deliveries every {@code interval}. */
        public Builder background(Duration interval) {
            this.background = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public WebhookSettings build() {
            Checks checks = new Checks();
            checks.require(!schedule.isEmpty() && schedule.size() <= MAX_ATTEMPTS, "schedule", "range",
                    "must list 1 to " + MAX_ATTEMPTS + " waits");
            checks.require(schedule.stream().noneMatch(Duration::isNegative), "schedule", "negative",
                    "waits must not be negative");
            checks.require(jitter >= 0 && jitter <= 1, "jitter", "range", "must be 0 to 1");
            checks.positive("disableAfter", disableAfter);
            checks.require(!secretGrace.isNegative(), "secretGrace", "negative", "must not be negative");
            checks.require(batchSize >= 1 && batchSize <= 1000, "batchSize", "range", "must be 1 to 1000");
            checks.positive("lease", lease);
            if (background != null) {
                checks.positive("background", background);
            }
            checks.throwIfAny();
            return new WebhookSettings(this);
        }
    }
}
