package io.crmkit.core.interaction;

import java.util.Objects;
import java.util.UUID;

/** Identifies a logged interaction. Time-ordered (UUID version 7). */
public record InteractionId(UUID value) {
    public InteractionId {
        Objects.requireNonNull(value, "value");
    }

    public static InteractionId parse(String text) {
        return new InteractionId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
