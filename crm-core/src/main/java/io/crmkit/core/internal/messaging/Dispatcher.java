package io.crmkit.core.internal.messaging;

import io.crmkit.core.ConflictException;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.internal.Background;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessageEvent;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.security.Actor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due messages from the outbox: claims a batch under a lease, sends each through its channel
 * outside any transaction, and records the results of the batch together. Runs on the caller's thread
 * ({@link #dispatchPending()}) and, if configured, on one background thread owned by the CRM.
 */
public final class Dispatcher implements Engine.Component {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** The longest a result waits to be recorded while the rest of its batch is sent. */
    static final Duration MAX_UNRECORDED = Duration.ofMillis(500);

    private final Engine engine;
    private final MessagingSettings config;
    private final RateLimiter rateLimiter;
    private final @Nullable ScheduledExecutorService background;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    /** The settings this dispatcher and the messaging service follow. */
    MessagingSettings settings() {
        return config;
    }

    /** Registers the dispatcher of {@code engine}'s messaging feature. */
    public static Dispatcher install(Engine engine, MessagingSettings settings) {
        return engine.register(Dispatcher.class, new Dispatcher(engine, settings));
    }

    private Dispatcher(Engine engine, MessagingSettings config) {
        this.engine = engine;
        this.config = config;
        this.rateLimiter = new RateLimiter(config.rateLimits());
        if (config.backgroundInterval().isPresent() && !config.channels().isEmpty()) {
            this.background = Background.thread("crmkit-dispatcher");
        } else {
            this.background = null;
        }
    }

    /** Starts the background polling, if configured. */
    @Override
    public void start() {
        if (background != null) {
            long every = config.backgroundInterval().orElseThrow().toMillis();
            background.scheduleWithFixedDelay(this::dispatchQuietly, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Asks the background thread to look now, after a message was queued. */
    void wakeUp() {
        if (background != null && !stopping.get() && wakeUpPending.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    wakeUpPending.set(false);
                    dispatchQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeUpPending.set(false); // shutting down
            }
        }
    }

    private void dispatchQuietly() {
        try {
            dispatchPending();
        } catch (RuntimeException e) {
            LOG.warn("dispatching the outbox failed; will try again", e);
        }
    }

    int dispatchPending() {
        int attempted = 0;
        while (!stopping.get()) {
            Instant now = engine.clock().instant();
            List<OutboxMessage> batch = engine.storage().inTransaction(
                    repos -> repos.outbox().claimDue(now, config.batchSize(), now.plus(config.lease())));
            if (batch.isEmpty()) {
                break;
            }
            Outcomes outcomes = new Outcomes();
            try {
                for (OutboxMessage message : batch) {
                    Instant at = engine.clock().instant();
                    if (stopping.get()) {
                        outcomes.add(message, message.deferred(at, at), false); // released for the next dispatcher
                        continue;
                    }
                    Optional<Instant> limited = rateLimiter.acquire(message.kind(), at);
                    if (limited.isPresent()) {
                        outcomes.add(message, message.deferred(limited.get(), at), false);
                        continue;
                    }
                    outcomes.add(message, attempt(message), true);
                    attempted++;
                    if (outcomes.waitedTooLong()) {
                        outcomes.record();
                    }
                }
            } finally {
                outcomes.record();
            }
            if (batch.size() < config.batchSize()) {
                break;
            }
        }
        return attempted;
    }

    /** Sends one message and returns its next state; never throws. */
    private OutboxMessage attempt(OutboxMessage message) {
        MessageChannel channel = config.channels().get(message.kind());
        try {
            if (channel == null) {
                throw DeliveryException.permanent("no channel registered for " + message.kind(), null);
            }
            DeliveryReceipt receipt = channel.send(message.message());
            return message.sent(receipt.providerMessageId(), engine.clock().instant());
        } catch (DeliveryException e) {
            return failed(message, e.getMessage(), e.isRetryable(), e.retryAfter());
        } catch (RuntimeException e) {
            // A channel that throws something else is broken for now, not the message: retry it.
            return failed(message, e.getClass().getSimpleName() + ": " + e.getMessage(), true, Optional.empty());
        }
    }

    private OutboxMessage failed(OutboxMessage message, @Nullable String reason, boolean retryable, Optional<Duration> retryAfter) {
        String error = reason == null ? "delivery failed" : reason;
        int attempt = message.attempts() + 1;
        boolean again = retryable && attempt < config.retryPolicy().maxAttempts();
        LOG.info("message {} attempt {} failed ({}): {}", message.id(), attempt,
                again ? "will retry" : retryable ? "dead-lettered" : "permanent", error);
        Instant now = engine.clock().instant();
        Optional<Instant> retryAt = Optional.empty();
        if (again) {
            Duration backoff = config.retryPolicy().delayAfter(attempt, ThreadLocalRandom.current()::nextDouble);
            Duration wait = retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
            retryAt = Optional.of(retryTime(message, now.plus(wait)));
        }
        return message.failed(error, retryAt, retryable ? DeliveryStatus.DEAD : DeliveryStatus.FAILED, now);
    }

    /** A retry that would fall into the customer's quiet hours waits for their end. */
    private Instant retryTime(OutboxMessage message, Instant at) {
        if (!config.hasQuietHours(message.kind())) {
            return at; // no customer read on the common path
        }
        Optional<ZoneId> zone = engine.read(repos -> repos.customers().findById(message.customerId()))
                .flatMap(Customer::timeZone);
        return config.outsideQuietHours(message.kind(), at, zone);
    }

    /**
     * The new states of claimed messages, written to the outbox (and, for an attempt, to the timeline)
     * together: one transaction per batch instead of one per message. A message whose state is not
     * written keeps its lease and is sent again, with the same idempotency key, when the lease ends; so
     * results wait at most {@link #MAX_UNRECORDED} before they are written, however slow the channel.
     */
    private final class Outcomes {
        private final List<Outcome> pending = new ArrayList<>();
        private long firstAt;

        void add(OutboxMessage claimed, OutboxMessage next, boolean attempted) {
            if (pending.isEmpty()) {
                firstAt = System.nanoTime();
            }
            pending.add(new Outcome(claimed, next, attempted));
        }

        boolean waitedTooLong() {
            return !pending.isEmpty() && System.nanoTime() - firstAt >= MAX_UNRECORDED.toNanos();
        }

        void record() {
            if (pending.isEmpty()) {
                return;
            }
            try {
                write(pending);
            } catch (RuntimeException e) {
                // one bad row must not cost the others their results: write them one by one
                LOG.debug("recording {} results together failed; recording them one by one", pending.size(), e);
                for (Outcome outcome : pending) {
                    try {
                        write(List.of(outcome));
                    } catch (ConflictException lost) {
                        // its lease ran out and another dispatcher claimed it: that one records the message now
                        LOG.info("result of message {} not recorded: {}", outcome.next().id(), lost.getMessage());
                    } catch (RuntimeException single) {
                        LOG.warn("could not record the result of message {}; it is sent again after its lease",
                                outcome.next().id(), single);
                    }
                }
            }
            pending.clear();
        }

        /** The version check of each update refuses it if the message changed since it was claimed. */
        private void write(List<Outcome> outcomes) {
            engine.write(tx -> {
                for (Outcome o : outcomes) {
                    OutboxMessage next = o.next();
                    tx.repos().outbox().update(next);
                    if (o.attempted()) {
                        tx.repos().interactions().updateDelivery(next.interactionId(), next.status(), next.providerMessageId());
                        tx.raise(new MessageEvent.StatusChanged(next.id(), next.customerId(), next.kind(),
                                next.status(), next.updatedAt(), Actor.SYSTEM.user()));
                        MessageChanges.record(tx, AuditSource.SYSTEM, Actor.SYSTEM.user(), o.claimed(), next);
                    }
                }
                return null;
            });
        }
    }

    /** A claimed message's next state; {@code attempted}: it was sent (or failed), not only released. */
    private record Outcome(OutboxMessage claimed, OutboxMessage next, boolean attempted) {
    }

    /** Stops claiming, lets the running batch finish (bounded), then closes the channels. */
    @Override
    public void close() {
        stopping.set(true);
        if (background != null && !Background.stop(background, config.shutdownWait()) && !Thread.currentThread().isInterrupted()) {
            LOG.warn("dispatcher did not finish within {}; unfinished messages are sent after their lease", config.shutdownWait());
        }
        for (MessageChannel channel : config.channels().values()) {
            try {
                channel.close();
            } catch (RuntimeException e) {
                LOG.warn("closing channel {} failed", channel.kind(), e);
            }
        }
    }
}
