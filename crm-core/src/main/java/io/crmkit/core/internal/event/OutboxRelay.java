package io.crmkit.core.internal.event;

import io.crmkit.core.event.EventRecord;
import io.crmkit.core.event.EventRelay;
import io.crmkit.core.event.EventSink;
import io.crmkit.core.event.RelaySettings;
import io.crmkit.core.internal.Background;
import io.crmkit.core.spi.CrmStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay: lease a partition, publish its oldest undelivered events, mark them, release (see {@link EventRelay}
 * for why partitions). Each step is a unit of work of its own, so no transaction stays open while the sink works.
 */
final class OutboxRelay implements EventRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final CrmStorage storage;
    private final Clock clock;
    private final EventSink sink;
    private final RelaySettings settings;
    private final String owner;
    private final Consumer<OutboxRelay> onClose;
    private final AtomicLong failures = new AtomicLong();
    private @Nullable ScheduledExecutorService thread;

    OutboxRelay(CrmStorage storage, Clock clock, EventSink sink, RelaySettings settings, Consumer<OutboxRelay> onClose) {
        this.storage = storage;
        this.clock = clock;
        this.sink = sink;
        this.settings = settings;
        this.owner = settings.ownerOrRandom();
        this.onClose = onClose;
    }

    @Override
    public int relayOnce() {
        Instant now = clock.instant();
        Optional<Integer> claimed = storage.inTransaction(
                r -> r.events().claimPartition(owner, now, now.plus(settings.lease())));
        if (claimed.isEmpty()) {
            return 0;
        }
        int partition = claimed.get();
        List<EventRecord> batch = storage.read(r -> r.events().undelivered(partition, settings.batchSize()));
        try {
            if (!batch.isEmpty()) {
                sink.publish(batch);
            }
        } catch (Exception e) {
            failures.incrementAndGet();
            LOG.warn("publishing {} events of partition {} failed; they are tried again in {}", batch.size(), partition,
                    settings.retryDelay(), e);
            release(partition, clock.instant().plus(settings.retryDelay()));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        List<Long> positions = batch.stream().map(EventRecord::position).toList();
        storage.inTransaction(r -> {
            r.events().release(partition, owner, clock.instant());
            return r.events().markDelivered(positions, clock.instant());
        });
        return batch.size();
    }

    private void release(int partition, Instant until) {
        try {
            storage.inTransaction(r -> {
                r.events().release(partition, owner, until);
                return partition;
            });
        } catch (RuntimeException e) {
            LOG.warn("releasing partition {} failed; its lease runs out by itself", partition, e);
        }
    }

    @Override
    public int drain() {
        int total = 0;
        for (int n = relayOnce(); n > 0; n = relayOnce()) {
            total += n;
        }
        return total;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        ScheduledExecutorService t = Background.thread("crmkit-event-relay-" + owner);
        thread = t;
        t.execute(() -> loop(t));
    }

    private void loop(ScheduledExecutorService t) {
        if (t.isShutdown()) {
            return;
        }
        int n = 0;
        try {
            n = relayOnce();
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            LOG.warn("the event relay {} failed; it tries again", owner, e);
        }
        try {
            if (n > 0) {
                t.execute(() -> loop(t));
            } else {
                t.schedule(() -> loop(t), settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // closed meanwhile
        }
    }

    @Override
    public long failures() {
        return failures.get();
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t != null) {
            Background.stop(t, Duration.ofSeconds(30));
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "EventRelay[" + owner + "]";
    }
}
