package io.crmkit.core.task;

import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One (re)assignment in a task's history: to whom, by whom, when, and why. */
public record Assignment(Assignee to, UserRef by, Instant at, Optional<String> note) {
    /** Longest note on a hand-over, in characters (code points). */
    public static final int MAX_NOTE = 2_000;

    public Assignment {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(note, "note");
    }
}
