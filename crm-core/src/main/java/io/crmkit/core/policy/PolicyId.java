package io.crmkit.core.policy;

import java.util.Objects;
import java.util.UUID;

/** The id of a {@link CommunicationPolicy}: a time-ordered UUID. */
public record PolicyId(UUID value) {
    public PolicyId {
        Objects.requireNonNull(value, "value");
    }

    public static PolicyId of(String text) {
        return new PolicyId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
