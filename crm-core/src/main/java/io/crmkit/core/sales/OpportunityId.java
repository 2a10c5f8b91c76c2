package io.crmkit.core.sales;

import java.util.Objects;
import java.util.UUID;

/** Identifies an opportunity. Time-ordered (UUID version 7). */
public record OpportunityId(UUID value) {
    public OpportunityId {
        Objects.requireNonNull(value, "value");
    }

    /** Reads the canonical text form of a UUID. */
    public static OpportunityId parse(String text) {
        return new OpportunityId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
