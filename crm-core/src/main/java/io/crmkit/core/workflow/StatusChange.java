package io.crmkit.core.workflow;

import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One transition that happened: from which status to which, by whom, when, and why.
 *
 * @param <S> the status type
 */
public record StatusChange<S extends Enum<S>>(S from, S to, UserRef actor, Instant at, Optional<String> comment) {
    /** Longest comment on a transition, in characters (code points). */
    public static final int MAX_COMMENT = 2_000;

    public StatusChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(comment, "comment");
    }
}
