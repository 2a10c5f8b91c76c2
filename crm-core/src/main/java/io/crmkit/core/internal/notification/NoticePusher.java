package io.crmkit.core.internal.notification;

import io.crmkit.core.ConflictException;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.internal.Background;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.notification.Notice;
import io.crmkit.core.notification.NoticePush;
import io.crmkit.core.notification.NotificationEvent;
import io.crmkit.core.notification.NotificationPreferences;
import io.crmkit.core.notification.PushChannel;
import io.crmkit.core.notification.PushStatus;
import io.crmkit.core.security.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues the pushes of notices as their users' preferences ask, and sends the queued ones through the CRM's message
 * channels: claimed in batches under a lease, sent outside any transaction, retried with the messaging retry policy,
 * SMS kept out of the messaging quiet hours in the user's zone. Runs on the caller's thread
 * ({@link #pushPending()}) and on a background thread when messaging dispatches in the background.
 */
public final class NoticePusher implements Engine.Component {
    private static final Logger LOG = LoggerFactory.getLogger(NoticePusher.class);

    private final Engine engine;
    private final MessagingSettings config;
    private final @Nullable ScheduledExecutorService background;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    private NoticePusher(Engine engine, MessagingSettings config) {
        this.engine = engine;
        this.config = config;
        this.background = config.backgroundInterval().isPresent() && !config.channels().isEmpty()
                ? Background.thread("crmkit-notice-pusher") : null;
    }

    /** Registers the notification feature of {@code engine}: its pusher, and the reactor that raises notices. */
    public static NoticePusher install(Engine engine, MessagingSettings messaging) {
        NoticePusher pusher = engine.register(NoticePusher.class, new NoticePusher(engine, messaging));
        engine.react(new NoticeReactor(engine.clock(), pusher));
        return pusher;
    }

    @Override
    public void start() {
        if (background != null) {
            long every = config.backgroundInterval().orElseThrow().toMillis();
            background.scheduleWithFixedDelay(this::pushQuietly, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** Queues the pushes {@code user} asked for notices of this kind, in the notice's transaction. */
    void queue(Engine.Tx tx, Notice notice, UserRef user) {
        NotificationPreferences prefs = tx.repos().notifications().preferences(user).orElse(null);
        if (prefs == null) {
            return;
        }
        boolean queued = false;
        for (PushChannel channel : prefs.channels(notice.kind())) {
            switch (channel) {
                case WEBHOOK -> tx.raise(new NotificationEvent.PushRequested(notice.id(), notice.kind(), user, tx.now(),
                        notice.actor()));
                case EMAIL -> queued |= prefs.email().map(e -> insert(tx, notice, user, ChannelKind.EMAIL, e.value(),
                        tx.now())).orElse(false);
                case SMS -> queued |= prefs.phone().map(p -> insert(tx, notice, user, ChannelKind.SMS, p.value(),
                        config.outsideQuietHours(ChannelKind.SMS, tx.now(), prefs.zone()))).orElse(false);
            }
        }
        if (queued) {
            tx.afterCommit(this::wakeUp);
        }
    }

    private boolean insert(Engine.Tx tx, Notice notice, UserRef user, ChannelKind kind, String to, Instant notBefore) {
        String what = describe(notice);
        tx.repos().notifications().insertPush(new NoticePush(Ids.uuid7(engine.clock()), notice.id(), user, kind, to,
                "crmkit: " + what, what + " (" + notice.recordKind().name().toLowerCase(Locale.ROOT) + " "
                + notice.recordId() + ", by " + notice.actor().id() + ")", PushStatus.QUEUED, 0, notBefore,
                Optional.empty(), Optional.empty(), tx.now(), tx.now(), 1));
        return true;
    }

    private static String describe(Notice notice) {
        return switch (notice.kind()) {
            case TASK_ASSIGNED -> "a task was assigned to you";
            case CASE_BREACHED -> "a service case of yours breached its service level";
            case MENTIONED -> "you were mentioned in a task comment";
            case DOCUMENT_SHARED -> "a document was shared with you";
        };
    }

    private void wakeUp() {
        if (background != null && !stopping.get() && wakeUpPending.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    wakeUpPending.set(false);
                    pushQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeUpPending.set(false); // shutting down
            }
        }
    }

    private void pushQuietly() {
        try {
            pushPending();
        } catch (RuntimeException e) {
            LOG.warn("pushing notices failed; will try again", e);
        }
    }

    /** Sends the due pushes, batch by batch; the number attempted. */
    int pushPending() {
        int attempted = 0;
        while (!stopping.get()) {
            Instant now = engine.clock().instant();
            List<NoticePush> batch = engine.storage().inTransaction(
                    repos -> repos.notifications().claimDuePushes(now, config.batchSize(), now.plus(config.lease())));
            for (NoticePush push : batch) {
                NoticePush next = attempt(push);
                attempted++;
                try {
                    engine.storage().inTransaction(repos -> {
                        repos.notifications().updatePush(next);
                        return Boolean.TRUE;
                    });
                } catch (ConflictException lost) {
                    LOG.info("result of notice push {} not recorded: {}", push.id(), lost.getMessage());
                }
            }
            if (batch.size() < config.batchSize()) {
                break;
            }
        }
        return attempted;
    }

    /** Sends one push and returns its next state; never throws. */
    private NoticePush attempt(NoticePush push) {
        MessageChannel channel = config.channels().get(push.kind());
        try {
            if (channel == null) {
                throw DeliveryException.permanent("no channel registered for " + push.kind(), null);
            }
            channel.send(push.message());
            return push.sent(engine.clock().instant());
        } catch (DeliveryException e) {
            return failed(push, e.getMessage(), e.isRetryable(), e.retryAfter());
        } catch (RuntimeException e) {
            return failed(push, e.getClass().getSimpleName() + ": " + e.getMessage(), true, Optional.empty());
        }
    }

    private NoticePush failed(NoticePush push, @Nullable String reason, boolean retryable, Optional<Duration> retryAfter) {
        String error = reason == null ? "delivery failed" : reason;
        int attempt = push.attempts() + 1;
        boolean again = retryable && attempt < config.retryPolicy().maxAttempts();
        Instant now = engine.clock().instant();
        Optional<Instant> retryAt = Optional.empty();
        if (again) {
            Duration backoff = config.retryPolicy().delayAfter(attempt, ThreadLocalRandom.current()::nextDouble);
            Duration wait = retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
            retryAt = Optional.of(retryTime(push, now.plus(wait)));
        }
        LOG.info("notice push {} attempt {} failed ({}): {}", push.id(), attempt,
                again ? "will retry" : retryable ? "given up" : "permanent", error);
        return push.failed(error, retryAt, retryable ? PushStatus.DEAD : PushStatus.FAILED, now);
    }

    /** A retry of an SMS that would fall into quiet hours waits for their end, in the user's zone. */
    private Instant retryTime(NoticePush push, Instant at) {
        if (!config.hasQuietHours(push.kind())) {
            return at;
        }
        Optional<java.time.ZoneId> zone = engine.read(repos -> repos.notifications().preferences(push.user()))
                .flatMap(NotificationPreferences::zone);
        return config.outsideQuietHours(push.kind(), at, zone);
    }

    @Override
    public void close() {
        stopping.set(true);
        if (background != null && !Background.stop(background, config.shutdownWait())
                && !Thread.currentThread().isInterrupted()) {
            LOG.warn("notice pusher did not finish within {}; unsent pushes go after their lease", config.shutdownWait());
        }
    }
}
