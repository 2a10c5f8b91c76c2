package io.crmkit.core.task;

import java.time.Instant;
import java.util.Objects;

/** A comment on a task. */
public record TaskComment(String authorId, Instant at, String text) {
    public TaskComment {
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}
