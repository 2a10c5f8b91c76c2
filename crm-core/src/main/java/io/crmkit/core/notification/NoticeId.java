package io.crmkit.core.notification;

import java.util.Objects;
import java.util.UUID;

/** Identifies a notice. Time-ordered (UUID version 7). */
public record NoticeId(UUID value) {
    public NoticeId {
        Objects.requireNonNull(value, "value");
    }

    public static NoticeId parse(String text) {
        return new NoticeId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
