package io.crmkit.core.requirement;

import java.util.Objects;
import java.util.UUID;

/** Identifies a customer need. Time-ordered (UUID version 7). */
public record RequirementId(UUID value) {
    public RequirementId {
        Objects.requireNonNull(value, "value");
    }

    public static RequirementId parse(String text) {
        return new RequirementId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
