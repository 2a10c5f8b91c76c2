package io.crmkit.core.dedup;

import java.util.Objects;
import java.util.UUID;

/** The id of a {@link Merge}: a time-ordered UUID. */
public record MergeId(UUID value) {
    public MergeId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the text form of the UUID. */
    public static MergeId of(String value) {
        return new MergeId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
