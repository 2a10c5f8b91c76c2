package io.crmkit.core.internal.webhook;

import io.crmkit.core.ConflictException;
import io.crmkit.core.internal.Background;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.security.Actor;
import io.crmkit.core.webhook.WebhookAttempt;
import io.crmkit.core.webhook.WebhookDelivery;
import io.crmkit.core.webhook.WebhookDeliveryStatus;
import io.crmkit.core.webhook.WebhookEndpoint;
import io.crmkit.core.webhook.WebhookEndpointId;
import io.crmkit.core.webhook.WebhookEvent;
import io.crmkit.core.webhook.WebhookRequest;
import io.crmkit.core.webhook.WebhookResponse;
import io.crmkit.core.webhook.WebhookSettings;
import io.crmkit.core.webhook.WebhookTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts due webhook deliveries: claims a batch under a lease (one unit of work), sends each through the
 * transport outside any transaction, and records each attempt with the delivery's next state and its endpoint's
 * (one unit of work per attempt). Runs on the caller's thread ({@link #deliverPending()}) and, if configured, on one
 * background thread owned by the CRM. A dispatcher that dies leaves its claimed deliveries to be claimed again
 * when their lease ends: at least once, with the same {@code webhook-id}.
 */
public final class WebhookDispatcher implements Engine.Component {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final Engine engine;
    private final WebhookSettings settings;
    private final Retries retries;
    private final @Nullable ScheduledExecutorService background;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    private WebhookDispatcher(Engine engine, WebhookSettings settings, DoubleSupplier random) {
        this.engine = engine;
        this.settings = settings;
        this.retries = new Retries(settings, random);
        this.background = settings.background().isPresent() && settings.transport().isPresent()
                ? Background.thread("crmkit-webhooks") : null;
    }

    /** Registers the webhook dispatcher of {@code engine}. */
    public static WebhookDispatcher install(Engine engine, WebhookSettings settings) {
        return engine.register(WebhookDispatcher.class, new WebhookDispatcher(engine, settings,
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
    }

    /** When a delivery made at {@code now} is first due: after the schedule's first wait. */
    Instant firstAttempt(Instant now) {
        return now.plus(settings().schedule().get(0));
    }

    WebhookSettings settings() {
        return settings;
    }

    @Override
    public void start() {
        if (background != null) {
            long every = settings.background().orElseThrow().toMillis();
            background.scheduleWithFixedDelay(this::deliverQuietly, 0, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Asks the background thread to look now, after deliveries were written. */
    void wakeUp() {
        if (background != null && !stopping.get() && wakeUpPending.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    wakeUpPending.set(false);
                    deliverQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeUpPending.set(false); // shutting down
            }
        }
    }

    private void deliverQuietly() {
        try {
            deliverPending();
        } catch (RuntimeException e) {
            LOG.warn("delivering webhooks failed; will try again", e);
        }
    }

    /** Attempts every due delivery; returns how many attempts were made. Without a transport, none. */
    int deliverPending() {
        Optional<WebhookTransport> transport = settings.transport();
        if (transport.isEmpty()) {
            return 0;
        }
        int attempted = 0;
        while (!stopping.get()) {
            Instant now = engine.clock().instant();
            List<WebhookDelivery> batch = engine.storage().inTransaction(
                    r -> r.webhooks().claimDue(now, settings.batchSize(), now.plus(settings.lease())));
            Map<WebhookEndpointId, Optional<WebhookEndpoint>> endpoints = new HashMap<>();
            for (WebhookDelivery delivery : batch) {
                if (stopping.get() || !engine.clock().instant().isBefore(delivery.leaseUntil().orElse(Instant.MIN))) {
                    break; // the rest keep their lease and are claimed again when it ends (slow endpoints used it up)
                }
                Optional<WebhookEndpoint> endpoint = endpoints.computeIfAbsent(delivery.endpointId(),
                        id -> engine.read(r -> r.webhooks().findEndpoint(id)));
                if (endpoint.isEmpty() || !endpoint.get().isEnabled()) {
                    abandon(delivery, endpoint.isEmpty() ? "the endpoint is gone" : "the endpoint is disabled");
                    continue;
                }
                Optional<WebhookEndpoint> after = attempt(transport.get(), delivery, endpoint.get());
                endpoints.put(delivery.endpointId(), after);
                attempted++;
            }
            if (batch.size() < settings.batchSize()) {
                break;
            }
        }
        return attempted;
    }

    /** One attempt: sent outside a transaction, then recorded; returns the endpoint as it is afterwards. */
    private Optional<WebhookEndpoint> attempt(WebhookTransport transport, WebhookDelivery delivery,
                                              WebhookEndpoint endpoint) {
        Instant at = engine.clock().instant();
        WebhookRequest request = new WebhookRequest(endpoint.id(), endpoint.url(), delivery.event(), at,
                endpoint.signingSecrets(at), delivery.attempts() + 1);
        long started = System.nanoTime();
        WebhookResponse response;
        try {
            response = transport.send(request);
        } catch (RuntimeException e) {
            // a transport that throws is broken for now, not the delivery: retried
            response = WebhookResponse.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Retries.Verdict verdict = retries.judge(delivery, response, engine.clock().instant());
        try {
            return record(delivery, endpoint.id(), at, took, response, verdict);
        } catch (RuntimeException e) {
            LOG.warn("could not record webhook attempt of delivery {}; it is attempted again after its lease",
                    delivery.id(), e);
            return Optional.of(endpoint);
        }
    }

    private Optional<WebhookEndpoint> record(WebhookDelivery delivery, WebhookEndpointId endpointId, Instant at,
                                             Duration took, WebhookResponse response, Retries.Verdict verdict) {
        for (int tries = 1; ; tries++) {
            try {
                return engine.write(tx -> {
                    Instant now = tx.now();
                    Optional<WebhookDelivery> current = tx.repos().webhooks().findDelivery(delivery.id());
                    if (current.isEmpty() || current.get().version() != delivery.version()) {
                        // its lease ran out and another dispatcher claimed it: that one records it
                        LOG.info("attempt of webhook delivery {} not recorded: it was claimed again", delivery.id());
                        return tx.repos().webhooks().findEndpoint(endpointId);
                    }
                    WebhookDelivery next = delivery.attempted(verdict.status(), response.statusCode(), verdict.error(),
                            verdict.retryAt().orElse(delivery.nextAttemptAt()), now);
                    tx.repos().webhooks().updateDelivery(next);
                    tx.repos().webhooks().insertAttempt(new WebhookAttempt(Ids.uuid7(engine.clock()), delivery.id(),
                            endpointId, delivery.event().id(), next.attempts(), at, response.statusCode(), took,
                            verdict.error(), verdict.status()));
                    Optional<WebhookEndpoint> stored = tx.repos().webhooks().findEndpoint(endpointId);
                    if (stored.isEmpty()) {
                        return stored;
                    }
                    WebhookEndpoint before = stored.get();
                    Optional<Instant> failingSince = verdict.succeeded() ? Optional.empty()
                            : Optional.of(before.failingSince().orElse(at));
                    Optional<String> disable = verdict.gone() ? Optional.of("the endpoint answered 410 Gone")
                            : disableForFailing(failingSince, now);
                    WebhookEndpoint after = before.attempted(verdict.succeeded(), at, disable);
                    if (after.isEnabled() != before.isEnabled()) {
                        tx.raise(new WebhookEvent.Disabled(after.id(), disable.orElseThrow(), after.version(), now,
                                Actor.SYSTEM.user()));
                        LOG.warn("webhook endpoint {} disabled: {}", after.id(), disable.orElseThrow());
                    }
                    if (after.version() != before.version()) {
                        tx.repos().webhooks().updateEndpoint(after);
                    }
                    return Optional.of(after);
                });
            } catch (ConflictException raced) {
                if (tries >= 3) {
                    throw raced;
                }
                // the endpoint changed meanwhile (a user, another dispatcher): read it again
            }
        }
    }

    private Optional<String> disableForFailing(Optional<Instant> failingSince, Instant now) {
        return failingSince
                .filter(since -> !since.plus(settings.disableAfter()).isAfter(now))
                .map(since -> "every delivery failed since " + since + " (" + settings.disableAfter() + ")");
    }

    private void abandon(WebhookDelivery delivery, String why) {
        try {
            engine.storage().inTransaction(r -> {
                WebhookDelivery given = delivery.abandoned(why, engine.clock().instant());
                r.webhooks().updateDelivery(given);
                return given;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not give up delivery {}; it is claimed again after its lease", delivery.id(), e);
        }
    }

    /** Stops claiming, lets the attempt in flight finish (bounded), then closes the transport. */
    @Override
    public void close() {
        stopping.set(true);
        if (background != null) {
            Background.stop(background, Duration.ofSeconds(30));
        }
        settings.transport().ifPresent(t -> {
            try {
                t.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the webhook transport failed", e);
            }
        });
    }
}
