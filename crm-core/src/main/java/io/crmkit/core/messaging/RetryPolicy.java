package io.crmkit.core.messaging;

import io.crmkit.core.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How transient failures are retried: up to {@code maxAttempts} attempts in all, waiting
 * {@code initialDelay × 2^(attempt-1)} (capped at {@code maxDelay}) between them, each wait with
 * random jitter between half and all of it so that many failed messages do not retry in step.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(10), Duration.ofMinutes(30));

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Checks checks = new Checks();
        checks.require(maxAttempts >= 1, "retryPolicy.maxAttempts", "range", "must be at least 1 but was " + maxAttempts);
        checks.require(!initialDelay.isNegative(), "retryPolicy.initialDelay", "range", "must not be negative");
        checks.require(maxDelay.compareTo(initialDelay) >= 0, "retryPolicy.maxDelay", "range",
                "must be at least initialDelay");
        checks.throwIfAny();
    }

    /** The wait after failed attempt number {@code attempt} (1-based), with jitter from {@code random} in [0,1). */
    public Duration delayAfter(int attempt, DoubleSupplier random) {
        long base = initialDelay.toMillis();
        long exp = attempt >= 31 ? Long.MAX_VALUE : base << Math.max(0, attempt - 1);
        long capped = exp < 0 || exp > maxDelay.toMillis() ? maxDelay.toMillis() : exp;
        long jittered = capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2));
        return Duration.ofMillis(jittered);
    }
}
