package io.crmkit.core.messaging;

import java.util.Objects;
import java.util.UUID;

/** Identifies an outbound message. Time-ordered (UUID version 7). */
public record MessageId(UUID value) {
    public MessageId {
        Objects.requireNonNull(value, "value");
    }

    public static MessageId parse(String text) {
        return new MessageId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
