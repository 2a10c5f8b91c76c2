package io.crmkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for tests that stands still until it is set or advanced. Every instant it gives is truncated
 * to microseconds, the precision databases keep, so that stored timestamps read back equal. Thread-safe.
 */
public final class TestClock extends Clock {
    /** Where a default test clock starts: a Monday morning with a microsecond fraction. */
    public static final Instant DEFAULT_START = Instant.parse("2025-03-03T01:02:03.456789Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private TestClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock at {@link #DEFAULT_START}, in UTC. */
    public static TestClock create() {
        return at(DEFAULT_START);
    }

    /** A clock at {@code start} (truncated to microseconds), in UTC. */
    public static TestClock at(Instant start) {
        return new TestClock(new AtomicReference<>(micros(start)), ZoneOffset.UTC);
    }

    /** Sets the time (truncated to microseconds). */
    public TestClock set(Instant instant) {
        now.set(micros(instant));
        return this;
    }

    /** Moves the time forward (or back, for a negative amount) and returns the new time. */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return now.updateAndGet(t -> micros(t.plus(amount)));
    }

    @Override
    public Instant instant() {
        return Objects.requireNonNull(now.get()); // never set to null
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view of this clock in another zone; it shares the time with this one. */
    @Override
    public TestClock withZone(ZoneId zone) {
        return new TestClock(now, Objects.requireNonNull(zone, "zone"));
    }

    private static Instant micros(Instant instant) {
        return Objects.requireNonNull(instant, "instant").truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public String toString() {
        return "TestClock[" + now.get() + ", " + zone + "]";
    }
}
