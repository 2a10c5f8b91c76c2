package io.crmkit.testkit;

import java.time.Clock;
import java.util.Comparator;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A generator of time-ordered UUIDs (version 7, RFC 9562) for test data. Thread-safe and strictly
 * monotonic per generator: every id is greater than the one before it in {@link #ORDER}, even when the
 * clock stands still or goes back, because the 12-bit {@code rand_a} field is used as a counter within
 * a millisecond (RFC 9562, method 1).
 */
public final class Uuid7 {
    /**
     * The order databases sort UUIDs in: by their 128 bits read as an unsigned number. For version 7 ids
     * this is creation order.
     */
    public static final Comparator<UUID> ORDER = Comparator
            .comparing((UUID u) -> u.getMostSignificantBits(), Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    private static final long MAX_MILLIS = (1L << 48) - 1;

    private final Clock clock;
    private final Random random;
    /** The last issued (unix millis << 12 | counter). */
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    private Uuid7(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    /** A generator taking the timestamp part from {@code clock}. */
    public static Uuid7 using(Clock clock) {
        return new Uuid7(Objects.requireNonNull(clock, "clock"), new Random());
    }

    /** A generator taking the timestamp part from {@code clock} and the random part from a seeded source, for reproducible ids. */
    public static Uuid7 using(Clock clock, long seed) {
        return new Uuid7(Objects.requireNonNull(clock, "clock"), new Random(seed));
    }

    /** The next id, greater than every id this generator issued before. */
    public UUID next() {
        long millis = clock.millis();
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalStateException("clock out of the UUIDv7 range: " + millis);
        }
        long floor = millis << 12;
        long stamp = last.updateAndGet(prev -> Math.max(prev + 1, floor));
        long msb = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0x0FFFL);
        long rnd;
        synchronized (random) {
            rnd = random.nextLong();
        }
        long lsb = (rnd & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** Whether {@code id} is a version 7 UUID of the RFC 9562 variant. */
    public static boolean isVersion7(UUID id) {
        return id.version() == 7 && id.variant() == 2;
    }

    /** The unix time in milliseconds a version 7 id was made at. */
    public static long unixMillis(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
