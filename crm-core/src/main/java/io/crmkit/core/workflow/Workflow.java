package io.crmkit.core.workflow;

import io.crmkit.core.Checks;
import io.crmkit.core.InvalidTransitionException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The allowed transitions between the statuses of a record, as data. Immutable and thread-safe.
 *
 * <pre>{@code
 * Workflow<RequirementStatus> w = Workflow.builder(RequirementStatus.class, RequirementStatus.NEW)
 *     .allow(NEW, IN_PROGRESS, REJECTED)
 *     .allow(IN_PROGRESS, RESOLVED)
 *     .build();
 * }</pre>
 *
 * @param <S> the status type
 */
public final class Workflow<S extends Enum<S>> {
    private final Class<S> type;
    private final S initial;
    private final Map<S, Set<S>> allowed;

    private Workflow(Class<S> type, S initial, Map<S, Set<S>> allowed) {
        this.type = type;
        this.initial = initial;
        EnumMap<S, Set<S>> copy = new EnumMap<>(type);
        allowed.forEach((from, to) -> copy.put(from, Collections.unmodifiableSet(EnumSet.copyOf(to))));
        this.allowed = Collections.unmodifiableMap(copy);
    }

    public static <S extends Enum<S>> Builder<S> builder(Class<S> type, S initial) {
        return new Builder<>(type, initial);
    }

    /** The status a new record starts in. */
    public S initial() {
        return initial;
    }

    public Class<S> type() {
        return type;
    }

    public boolean allows(S from, S to) {
        return allowed.getOrDefault(from, Set.of()).contains(to);
    }

    /** The statuses reachable from {@code from} in one step. */
    public Set<S> next(S from) {
        Set<S> next = allowed.get(from);
        return next == null ? Collections.unmodifiableSet(EnumSet.noneOf(type)) : next;
    }

    /** Every allowed transition, by source status. */
    public Map<S, Set<S>> transitions() {
        return allowed;
    }

    /**
     * Throws unless the transition is allowed.
     *
     * @param subject what is moving, for the message, such as {@code "requirement 0190..."}
     */
    public void check(S from, S to, String subject) {
        if (!allows(from, to)) {
            throw new InvalidTransitionException(from, to, subject);
        }
    }

    @Override
    public String toString() {
        return "Workflow" + allowed;
    }

    /** Builds a workflow; see {@link Workflow#builder(Class, Enum)}. */
    public static final class Builder<S extends Enum<S>> {
        private final Class<S> type;
        private final S initial;
        private final Map<S, Set<S>> allowed;
        private final Checks checks = new Checks();

        private Builder(Class<S> type, S initial) {
            this.type = Objects.requireNonNull(type, "type");
            this.initial = Objects.requireNonNull(initial, "initial");
            this.allowed = new EnumMap<>(type);
        }

        /** Allows moving from {@code from} to each of {@code to}. */
        @SafeVarargs
        public final Builder<S> allow(S from, S... to) {
            Set<S> targets = allowed.computeIfAbsent(from, k -> EnumSet.noneOf(type));
            for (S t : to) {
                if (checks.require(Objects.requireNonNull(t, "to") != from, "workflow." + from, "self_transition",
                        "a status cannot transition to itself")) {
                    targets.add(t);
                }
            }
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every transition that is not allowed */
        public Workflow<S> build() {
            checks.throwIfAny();
            return new Workflow<>(type, initial, allowed);
        }
    }
}
