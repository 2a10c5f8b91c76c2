package io.crmkit.core.policy;

import io.crmkit.core.Checks;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.messaging.QuietHours;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Contact pressure across every policy and channel, and how policies run: the most contacts one customer gets per
 * day, week and month in total and per channel (counted from the timeline: outbound interactions but for refused
 * messages and {@link InteractionChannel#OTHER}), quiet hours for messages, whether consent must be an opt-in, the time
 * zone of due dates and how many customers one page of a run takes. Given to {@code Crm.builder().policies(...)}.
 * Immutable.
 *
 * <pre>{@code
 * PolicySettings.builder().total(ContactLimits.of(1, 3, 8)).channel(InteractionChannel.SMS, ContactLimits.of(1, 2, 4))
 *         .quietHours(QuietHours.between(LocalTime.of(21, 0), LocalTime.of(8, 0))).zone(ZoneId.of("Asia/Shanghai")).build();
 * }</pre>
 */
public final class PolicySettings {
    /** The page size of a run unless set. */
    public static final int DEFAULT_BATCH_SIZE = 200;
    /** The largest page of a run. */
    public static final int MAX_BATCH_SIZE = 1_000;
    /** No caps, no quiet hours, opt-in required, due dates in UTC. */
    public static final PolicySettings DEFAULT = builder().build();

    private final ContactLimits total;
    private final Map<InteractionChannel, ContactLimits> channels;
    private final @Nullable QuietHours quietHours;
    private final boolean requireOptIn;
    private final ZoneId zone;
    private final int batchSize;

    private PolicySettings(Builder b) {
        this.total = b.total;
        this.channels = b.channels.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(b.channels));
        this.quietHours = b.quietHours;
        this.requireOptIn = b.requireOptIn;
        this.zone = b.zone;
        this.batchSize = b.batchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The caps over every channel. */
    public ContactLimits total() {
        return total;
    }

    /** The caps of one channel; {@link ContactLimits#NONE} if it has none. */
    public ContactLimits channel(InteractionChannel channel) {
        return channels.getOrDefault(channel, ContactLimits.NONE);
    }

    /** When messages of policies are not sent, in the customer's time zone (else {@link #zone()}). */
    public Optional<QuietHours> quietHours() {
        return Optional.ofNullable(quietHours);
    }

    /** Whether a contact needs an opt-in for its channel (otherwise: the absence of an opt-out). */
    public boolean requireOptIn() {
        return requireOptIn;
    }

    /** The time zone whose days due dates and the caps' days are. */
    public ZoneId zone() {
        return zone;
    }

    /** How many due customers one page of a run reads. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String toString() {
        return "PolicySettings[total=" + total + ", channels=" + channels + ", quietHours=" + quietHours + ", optIn="
                + requireOptIn + ", zone=" + zone + ", batch=" + batchSize + "]";
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private ContactLimits total = ContactLimits.NONE;
        private final Map<InteractionChannel, ContactLimits> channels = new EnumMap<>(InteractionChannel.class);
        private @Nullable QuietHours quietHours;
        private boolean requireOptIn = true;
        private ZoneId zone = ZoneOffset.UTC;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        /** Caps over every channel. Default: none. */
        public Builder total(ContactLimits limits) {
            this.total = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Caps of one channel (VOICE messages count as CALL). Default: none. */
        public Builder channel(InteractionChannel channel, ContactLimits limits) {
            channels.put(Objects.requireNonNull(channel, "channel"), Objects.requireNonNull(limits, "limits"));
            return this;
        }

        /** Quiet hours for messages of policies. Default: none. */
        public Builder quietHours(QuietHours hours) {
            this.quietHours = Objects.requireNonNull(hours, "hours");
            return this;
        }

        /** Whether contacts need an opt-in. Default: true. */
        public Builder requireOptIn(boolean required) {
            this.requireOptIn = required;
            return this;
        }

        /** The zone of due dates. Default: UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** 1 to {@value #MAX_BATCH_SIZE}. Default: {@value #DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public PolicySettings build() {
            Checks checks = new Checks();
            checks.require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE, "batchSize", "range",
                    "must be 1 to " + MAX_BATCH_SIZE);
            checks.require(!channels.containsKey(InteractionChannel.OTHER), "channel", "not_counted",
                    "OTHER interactions are no contacts and take no caps");
            checks.throwIfAny();
            return new PolicySettings(this);
        }
    }
}
