package io.crmkit.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A JSON SMS gateway for MockWebServer that counts the requests per {@code Idempotency-Key} header and
 * answers each with 200 and a unique {@code {"id":"gw-<n>"}} after a small delay, so that dispatching
 * many messages takes a while. {@link #awaitRequests(int, Duration)} waits (bounded) until the gateway
 * has seen a number of requests.
 */
final class CountingSmsGateway extends Dispatcher {
    private final Map<String, AtomicInteger> perKey = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger withoutKey = new AtomicInteger();
    private final Duration delay;
    private final int latchAt;
    private final CountDownLatch seen;

    /**
     * @param delay   how long the gateway takes to answer each request
     * @param latchAt after how many requests {@link #awaitLatch(Duration)} returns
     */
    CountingSmsGateway(Duration delay, int latchAt) {
        this.delay = delay;
        this.latchAt = latchAt;
        this.seen = new CountDownLatch(latchAt);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String key = request.getHeaders().get("Idempotency-Key");
        if (key == null) {
            withoutKey.incrementAndGet();
        } else {
            perKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
        int n = requests.incrementAndGet();
        seen.countDown();
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"gw-" + n + "\",\"status\":\"accepted\"}")
                .headersDelay(delay.toNanos(), TimeUnit.NANOSECONDS)
                .build();
    }

    /** Waits until {@code latchAt} requests arrived; false on timeout. */
    boolean awaitLatch(Duration timeout) throws InterruptedException {
        return seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int latchAt() {
        return latchAt;
    }

    int requests() {
        return requests.get();
    }

    int requestsWithoutKey() {
        return withoutKey.get();
    }

    /** A snapshot of how many requests carried each idempotency key. */
    Map<String, Integer> countsPerKey() {
        Map<String, Integer> out = new java.util.HashMap<>();
        perKey.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
