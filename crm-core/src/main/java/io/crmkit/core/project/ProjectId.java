package io.crmkit.core.project;

import java.util.Objects;
import java.util.UUID;

/** Identifies a project. Time-ordered (UUID version 7). */
public record ProjectId(UUID value) {
    public ProjectId {
        Objects.requireNonNull(value, "value");
    }

    public static ProjectId parse(String text) {
        return new ProjectId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
