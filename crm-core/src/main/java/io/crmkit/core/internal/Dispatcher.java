package io.crmkit.core.internal;

import io.crmkit.core.DeliveryException;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.security.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due messages from the outbox: claims a batch under a lease, sends each through its channel
 * outside any transaction, and records each result in its own transaction. Runs on the caller's thread
 * ({@link #dispatchPending()}) and, if configured, on one background thread owned by the CRM.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Engine engine;
    private final MessagingConfig config;
    private final RateLimiter rateLimiter;
    private final @Nullable ScheduledExecutorService background;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    Dispatcher(Engine engine, MessagingConfig config) {
        this.engine = engine;
        this.config = config;
        this.rateLimiter = new RateLimiter(config.rateLimits());
        if (config.backgroundInterval().isPresent() && !config.channels().isEmpty()) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "crmkit-dispatcher");
                t.setDaemon(true);
                return t;
            });
            executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            this.background = executor;
        } else {
            this.background = null;
        }
    }

    /** Starts the background polling, if configured. */
    void start() {
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
            for (OutboxMessage message : batch) {
                if (stopping.get()) {
                    release(message, engine.clock().instant());
                    continue;
                }
                Optional<Instant> limited = rateLimiter.acquire(message.kind(), engine.clock().instant());
                if (limited.isPresent()) {
                    release(message, limited.get());
                    continue;
                }
                attempt(message);
                attempted++;
            }
            if (batch.size() < config.batchSize()) {
                break;
            }
        }
        return attempted;
    }

    private void attempt(OutboxMessage message) {
        MessageChannel channel = config.channels().get(message.kind());
        try {
            if (channel == null) {
                throw DeliveryException.permanent("no channel registered for " + message.kind(), null);
            }
            DeliveryReceipt receipt = channel.send(message.message());
            record(message, (m, now) -> m.sent(receipt.providerMessageId(), now));
        } catch (DeliveryException e) {
            failed(message, e.getMessage(), e.isRetryable(), e.retryAfter());
        } catch (RuntimeException e) {
            // A channel that throws something else is broken for now, not the message: retry it.
            failed(message, e.getClass().getSimpleName() + ": " + e.getMessage(), true, Optional.empty());
        }
    }

    private void failed(OutboxMessage message, @Nullable String reason, boolean retryable, Optional<Duration> retryAfter) {
        String error = reason == null ? "delivery failed" : reason;
        int attempt = message.attempts() + 1;
        boolean again = retryable && attempt < config.retryPolicy().maxAttempts();
        LOG.info("message {} attempt {} failed ({}): {}", message.id(), attempt,
                again ? "will retry" : retryable ? "dead-lettered" : "permanent", error);
        record(message, (m, now) -> {
            Optional<Instant> retryAt = Optional.empty();
            if (again) {
                Duration backoff = config.retryPolicy().delayAfter(attempt, ThreadLocalRandom.current()::nextDouble);
                Duration wait = retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
                retryAt = Optional.of(now.plus(wait));
            }
            return m.failed(error, retryAt, retryable ? DeliveryStatus.DEAD : DeliveryStatus.FAILED, now);
        });
    }

    private void release(OutboxMessage message, Instant at) {
        try {
            engine.storage().inTransaction(repos -> {
                repos.outbox().update(message.deferred(at, engine.clock().instant()));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("could not release message {}; its lease will run out", message.id(), e);
        }
    }

    private interface Change {
        OutboxMessage apply(OutboxMessage message, Instant now);
    }

    /**
     * Writes the new state to the outbox and the timeline in one transaction. The update's version check
     * refuses it if the message changed since it was claimed.
     */
    private void record(OutboxMessage claimed, Change change) {
        try {
            write(claimed, change);
        } catch (RuntimeException e) {
            // the rest of the batch goes on; this message is picked up again when its lease ends
            LOG.warn("could not record the result of message {}; it is retried after its lease", claimed.id(), e);
        }
    }

    private void write(OutboxMessage claimed, Change change) {
        engine.write(tx -> {
            OutboxMessage next = change.apply(claimed, tx.now);
            tx.repos.outbox().update(next);
            tx.repos.interactions().updateDelivery(next.interactionId(), next.status(), next.providerMessageId());
            tx.raise(new DomainEvent.MessageStatusChanged(next.id(), next.customerId(), next.kind(), next.status(),
                    tx.now, Actor.SYSTEM.id()));
            return next;
        });
    }

    /** Stops claiming, lets the running batch finish (bounded), then closes the channels. */
    void close() {
        stopping.set(true);
        if (background != null) {
            background.shutdown();
            try {
                if (!background.awaitTermination(config.shutdownWait().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("dispatcher did not finish within {}; unfinished messages are sent after their lease", config.shutdownWait());
                    background.shutdownNow();
                }
            } catch (InterruptedException e) {
                background.shutdownNow();
                Thread.currentThread().interrupt();
            }
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
