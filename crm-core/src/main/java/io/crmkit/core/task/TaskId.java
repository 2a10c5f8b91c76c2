package io.crmkit.core.task;

import java.util.Objects;
import java.util.UUID;

/** Identifies a task. Time-ordered (UUID version 7). */
public record TaskId(UUID value) {
    public TaskId {
        Objects.requireNonNull(value, "value");
    }

    public static TaskId parse(String text) {
        return new TaskId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
