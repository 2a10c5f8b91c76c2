package io.crmkit.core.audit;

import io.crmkit.core.Checks;

/**
 * How a {@code Crm} keeps its audit trail. Immutable; build one with {@link #builder()} and pass it to
 * {@code Crm.builder().audit(settings)}. Without it the trail is on, with {@value #DEFAULT_STREAMS} streams.
 *
 * <pre>{@code
 * Crm.builder().audit(AuditSettings.builder().streams(32).build())   // more writers at once
 * Crm.builder().audit(AuditSettings.OFF)                             // no trail: a host that keeps its own
 * }</pre>
 */
public final class AuditSettings {
    /** Streams of a trail unless set: enough that 8 to 16 writers rarely wait for the same stream head. */
    public static final int DEFAULT_STREAMS = 16;
    /** Most streams; each has a head row and its own chain to verify. */
    public static final int MAX_STREAMS = 1024;

    /** The trail on, with {@value #DEFAULT_STREAMS} streams. */
    public static final AuditSettings DEFAULT = builder().build();
    /** No trail: changes are not recorded, and nothing is written to the audit tables. */
    public static final AuditSettings OFF = builder().enabled(false).build();

    private final boolean enabled;
    private final int streams;

    private AuditSettings(Builder b) {
        this.enabled = b.enabled;
        this.streams = b.streams;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether changes are recorded. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * The number of hash chains entries are spread over by record id. Changing it for an existing trail is
     * safe: the existing chains stay and verify; new entries of a record may then go to another stream.
     */
    public int streams() {
        return streams;
    }

    @Override
    public String toString() {
        return "AuditSettings[enabled=" + enabled + ", streams=" + streams + "]";
    }

    /**
     * Builds {@link AuditSettings}; {@link #build()} reports every bad setting in one
     * {@link io.crmkit.core.ValidationException}. Not thread-safe.
     */
    public static final class Builder {
        private boolean enabled = true;
        private int streams = DEFAULT_STREAMS;

        private Builder() {
        }

        /** Whether changes are recorded. Default: true. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The number of streams, 1 to {@value #MAX_STREAMS}. Default: {@value #DEFAULT_STREAMS}. */
        public Builder streams(int streams) {
            this.streams = streams;
            return this;
        }

        public AuditSettings build() {
            Checks checks = new Checks();
            checks.require(streams >= 1 && streams <= MAX_STREAMS, "streams", "range",
                    "must be between 1 and " + MAX_STREAMS + " but was " + streams);
            checks.throwIfAny();
            return new AuditSettings(this);
        }
    }
}
