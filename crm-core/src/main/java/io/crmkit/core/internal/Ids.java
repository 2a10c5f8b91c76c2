package io.crmkit.core.internal;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered UUIDs (version 7, RFC 9562) so that primary-key indexes stay compact. Strictly
 * increasing within the JVM, even within one millisecond or when the clock stands still (a test
 * clock): the 12-bit {@code rand_a} field counts within a millisecond (RFC 9562, method 1), so id
 * order is creation order.
 */
public final class Ids {
    /** The last issued (unix millis << 12 | counter). */
    private static final AtomicLong LAST = new AtomicLong(Long.MIN_VALUE);

    private Ids() {
    }

    public static UUID uuid7(Clock clock) {
        long floor = clock.millis() << 12;
        long stamp = LAST.updateAndGet(prev -> Math.max(prev + 1, floor));
        long msb = ((stamp >>> 12) << 16) | 0x7000L | (stamp & 0x0FFFL);
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
