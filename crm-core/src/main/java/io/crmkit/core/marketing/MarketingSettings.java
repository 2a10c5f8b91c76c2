package io.crmkit.core.marketing;

import io.crmkit.core.Checks;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of campaigns: which member statuses count as a response, how long after a member's send a purchase
 * or a won opportunity counts as its conversion, how many members one batch adds or sends, and whether members need
 * to have opted in to the channel to be sent to. Given to {@code Crm.builder().marketing(...)}. Immutable.
 *
 * <pre>{@code
 * MarketingSettings settings = MarketingSettings.builder().conversionWindow(Duration.ofDays(14)).build();
 * }</pre>
 */
public final class MarketingSettings {
    /** The conversion window unless set. */
    public static final Duration DEFAULT_CONVERSION_WINDOW = Duration.ofDays(30);
    /** The longest conversion window. */
    public static final Duration MAX_CONVERSION_WINDOW = Duration.ofDays(3_660);
    /** The batch size unless set. */
    public static final int DEFAULT_BATCH_SIZE = 200;
    /** The largest batch. */
    public static final int MAX_BATCH_SIZE = 1_000;
    /** The defaults: responses are RESPONDED and CONVERTED, a 30 day window, batches of 200, opt-in required. */
    public static final MarketingSettings DEFAULT = builder().build();

    private final Set<MemberStatus> respondedStatuses;
    private final Duration conversionWindow;
    private final int batchSize;
    private final boolean requireOptIn;

    private MarketingSettings(Builder b) {
        this.respondedStatuses = Set.copyOf(b.responded);
        this.conversionWindow = b.window;
        this.batchSize = b.batchSize;
        this.requireOptIn = b.requireOptIn;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The member statuses that count as a response in {@link CampaignResults#responded()}. */
    public Set<MemberStatus> respondedStatuses() {
        return respondedStatuses;
    }

    /** How long after a member's send a purchase or a won opportunity is its conversion. */
    public Duration conversionWindow() {
        return conversionWindow;
    }

    /** How many members one transaction adds, and one page of a send handles. */
    public int batchSize() {
        return batchSize;
    }

    /** Whether a member is sent to only if it opted in to the channel (otherwise: unless it opted out). */
    public boolean requireOptIn() {
        return requireOptIn;
    }

    @Override
    public String toString() {
        return "MarketingSettings[responded=" + respondedStatuses + ", window=" + conversionWindow + ", batch="
                + batchSize + ", optIn=" + requireOptIn + "]";
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private Set<MemberStatus> responded = EnumSet.of(MemberStatus.RESPONDED, MemberStatus.CONVERTED);
        private Duration window = DEFAULT_CONVERSION_WINDOW;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private boolean requireOptIn = true;

        private Builder() {
        }

        /**
         * The member statuses that count as a response; not empty, and never {@link MemberStatus#TARGETED}. Default:
         * {@link MemberStatus#RESPONDED} and {@link MemberStatus#CONVERTED}. A member counts once, when it reached any.
         */
        public Builder respondedStatuses(Set<MemberStatus> statuses) {
            Objects.requireNonNull(statuses, "statuses");
            this.responded = statuses.isEmpty() ? EnumSet.noneOf(MemberStatus.class) : EnumSet.copyOf(statuses);
            return this;
        }

        /** More than 0, at most {@link #MAX_CONVERSION_WINDOW}. Default: {@link #DEFAULT_CONVERSION_WINDOW}. */
        public Builder conversionWindow(Duration window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /** 1 to {@value #MAX_BATCH_SIZE}. Default: {@value #DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        /** Whether members must have opted in to be sent to. Default: true. */
        public Builder requireOptIn(boolean required) {
            this.requireOptIn = required;
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public MarketingSettings build() {
            Checks checks = new Checks();
            checks.require(!responded.isEmpty(), "respondedStatuses", "required", "must name at least one status");
            checks.require(!responded.contains(MemberStatus.TARGETED), "respondedStatuses", "targeted",
                    "must not count TARGETED: every member is targeted");
            if (checks.positive("conversionWindow", window)) {
                checks.require(window.compareTo(MAX_CONVERSION_WINDOW) <= 0, "conversionWindow", "range",
                        "must be at most " + MAX_CONVERSION_WINDOW.toDays() + " days");
            }
            checks.require(batchSize >= 1 && batchSize <= MAX_BATCH_SIZE, "batchSize", "range",
                    "must be 1 to " + MAX_BATCH_SIZE);
            checks.throwIfAny();
            return new MarketingSettings(this);
        }
    }
}
