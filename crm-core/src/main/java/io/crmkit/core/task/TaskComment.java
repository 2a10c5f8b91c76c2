package io.crmkit.core.task;

import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.Objects;

/** A comment on a task. */
public record TaskComment(UserRef author, Instant at, String text) {
    public TaskComment {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
    }
}
