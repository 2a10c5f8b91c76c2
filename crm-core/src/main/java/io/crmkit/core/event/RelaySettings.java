package io.crmkit.core.event;

import io.crmkit.core.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link EventRelay} works: batch size, lease length, the wait before a failed batch is tried again, the
 * poll interval when idle, and the name it leases partitions under. Immutable.
 *
 * <pre>{@code
 * EventRelay relay = crm.events().relay(sink, RelaySettings.builder().batchSize(500).build());
 * relay.start();
 * }</pre>
 */
public final class RelaySettings {
    /** The batch size unless set. */
    public static final int DEFAULT_BATCH_SIZE = 200;
    /** The largest batch. */
    public static final int MAX_BATCH_SIZE = 1_000;
    /** The lease unless set. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** The longest lease or wait. */
    public static final Duration MAX_DURATION = Duration.ofHours(1);
    /** The longest owner name. */
    public static final int MAX_OWNER = 200;
    /** The defaults: batches of 200, 30 s leases, 1 s before a retry, 200 ms polls, a random owner name. */
    public static final RelaySettings DEFAULT = builder().build();

    private final int batchSize;
    private final Duration lease;
    private final Duration retryDelay;
    private final Duration pollInterval;
    private final @Nullable String owner;

    private RelaySettings(Builder b) {
        this.batchSize = b.batchSize;
        this.lease = b.lease;
        this.retryDelay = b.retryDelay;
        this.pollInterval = b.pollInterval;
        this.owner = b.owner;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The most events one publish hands to the sink. */
    public int batchSize() {
        return batchSize;
    }

    /** How long a relay holds a partition: longer than a publish takes. */
    public Duration lease() {
        return lease;
    }

    /** How long a partition whose publish failed waits before it is tried again. */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** How long an idle background relay waits before it looks again. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** The owner name: set, or {@code relay-<random uuid>}, fresh for every relay. */
    public String ownerOrRandom() {
        return owner != null ? owner : "relay-" + UUID.randomUUID();
    }

    @Override
    public String toString() {
        return "RelaySettings[batch=" + batchSize + ", lease=" + lease + ", retry=" + retryDelay + ", poll="
                + pollInterval + ", owner=" + owner + "]";
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration lease = DEFAULT_LEASE;
        private Duration retryDelay = Duration.ofSeconds(1);
        private Duration pollInterval = Duration.ofMillis(200);
        private @Nullable String owner;

        private Builder() {
        }

        /** 1 to {@value #MAX_BATCH_SIZE}. */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /** More than 0, at most an hour. */
        public Builder lease(Duration lease) {
            this.lease = Objects.requireNonNull(lease, "lease");
            return this;
        }

        /** More than 0, at most an hour. */
        public Builder retryDelay(Duration delay) {
            this.retryDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** More than 0, at most an hour. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** 1 to {@value #MAX_OWNER} characters, such as the host name and process id. */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public RelaySettings build() {
            Checks checks = new Checks();
            checks.require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE, "batchSize", "range",
                    "must be 1 to " + MAX_BATCH_SIZE);
            duration(checks, "lease", lease);
            duration(checks, "retryDelay", retryDelay);
            duration(checks, "pollInterval", pollInterval);
            if (owner != null) {
                owner = checks.required("owner", owner, MAX_OWNER);
            }
            checks.throwIfAny();
            return new RelaySettings(this);
        }

        private static void duration(Checks checks, String field, Duration value) {
            if (checks.positive(field, value)) {
                checks.require(value.compareTo(MAX_DURATION) <= 0, field, "range", "must be at most one hour");
            }
        }
    }
}
