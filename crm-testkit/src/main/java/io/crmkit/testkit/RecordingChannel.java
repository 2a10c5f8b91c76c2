package io.crmkit.testkit;

import io.crmkit.core.DeliveryException;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@link MessageChannel} for tests that sends nothing: it records every message it is given and answers
 * with receipts {@code "rec-1"}, {@code "rec-2"}, ... in the order of successful sends. It can be scripted to
 * fail the next attempts, retryably or permanently, to test retries and dead letters without a mail server
 * or SMS gateway:
 *
 * <pre>{@code
 * RecordingChannel sms = RecordingChannel.of(ChannelKind.SMS).failRetryably(2);
 * try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).messaging(MessagingSettings.builder().channel(sms).build()).build()) {
 *     crm.messaging().send(MessageRequest.sms(customerId).text("您好"));
 *     crm.messaging().dispatchPending();          // attempt 1 fails, retried later
 *     assertThat(sms.attempts()).hasSize(1);
 *     assertThat(sms.sent()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Provider ids must be unique in the outbox, so two recording channels on one CRM need different
 * receipt prefixes: {@link #of(ChannelKind, String)}. Numbering is never reset, not even by {@link #clear()}.
 *
 * <p>Thread-safe: the dispatcher may call {@link #send} from several threads; {@link #sent()} and
 * {@link #attempts()} return snapshots. {@link #awaitSent(int, Duration)} waits (bounded) for a background
 * dispatcher.
 */
public final class RecordingChannel implements MessageChannel {
    private final ChannelKind kind;
    private final String receiptPrefix;
    private final Object lock = new Object();
    private final List<OutboundMessage> attempts = new ArrayList<>();
    private final List<OutboundMessage> sent = new ArrayList<>();
    private final Deque<Supplier<DeliveryException>> script = new ArrayDeque<>();
    private long receipts;
    private volatile boolean closed;

    private RecordingChannel(ChannelKind kind, String receiptPrefix) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.receiptPrefix = Objects.requireNonNull(receiptPrefix, "receiptPrefix");
    }

    /** A channel for {@code kind} whose receipts are {@code "rec-1"}, {@code "rec-2"}, ... */
    public static RecordingChannel of(ChannelKind kind) {
        return new RecordingChannel(kind, "rec-");
    }

    /** A channel for {@code kind} whose receipts are {@code receiptPrefix + 1}, {@code receiptPrefix + 2}, ... */
    public static RecordingChannel of(ChannelKind kind, String receiptPrefix) {
        return new RecordingChannel(kind, receiptPrefix);
    }

    /** The next {@code attempts} sends fail with a retryable {@link DeliveryException}, after those already scripted. */
    public RecordingChannel failRetryably(int attempts) {
        return script(attempts, () -> DeliveryException.retryable("scripted transient failure", null));
    }

    /** The next {@code attempts} sends fail with a permanent {@link DeliveryException}, after those already scripted. */
    public RecordingChannel failPermanently(int attempts) {
        return script(attempts, () -> DeliveryException.permanent("scripted permanent failure", null));
    }

    /** The next {@code attempts} sends throw {@code failure}, after those already scripted; later sends succeed. */
    public RecordingChannel failNext(int attempts, DeliveryException failure) {
        Objects.requireNonNull(failure, "failure");
        return script(attempts, () -> failure);
    }

    private RecordingChannel script(int attempts, Supplier<DeliveryException> failure) {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        synchronized (lock) {
            for (int i = 0; i < attempts; i++) {
                script.add(failure);
            }
        }
        return this;
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    /**
     * Records the attempt, then throws the next scripted failure if there is one, or records the message as
     * sent and returns the next receipt.
     *
     * @throws IllegalArgumentException if the message is of another kind
     * @throws IllegalStateException    if the channel is closed; nothing is recorded then
     */
    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.kind() != kind) {
            throw new IllegalArgumentException("a " + kind + " channel was given a " + message.kind() + " message");
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("recording channel " + kind + " is closed");
            }
            attempts.add(message);
            Supplier<DeliveryException> failure = script.poll();
            if (failure != null) {
                throw failure.get();
            }
            sent.add(message);
            lock.notifyAll();
            return new DeliveryReceipt(receiptPrefix + ++receipts);
        }
    }

    /** The messages sent successfully, in order. */
    public List<OutboundMessage> sent() {
        synchronized (lock) {
            return List.copyOf(sent);
        }
    }

    /** Every attempt, failed ones included, in order. */
    public List<OutboundMessage> attempts() {
        synchronized (lock) {
            return List.copyOf(attempts);
        }
    }

    /**
     * Waits until at least {@code count} messages were sent since the last {@link #clear()}, at most
     * {@code timeout}.
     *
     * @return whether they were
     */
    public boolean awaitSent(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (sent.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Forgets the recorded messages and the scripted failures still to come. Receipt numbering goes on. */
    public void clear() {
        synchronized (lock) {
            attempts.clear();
            sent.clear();
            script.clear();
        }
    }

    /** Whether {@link #close()} was called, as the CRM does when it closes. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "RecordingChannel[" + kind + ", " + sent.size() + " sent, " + attempts.size() + " attempts"
                    + (closed ? ", closed" : "") + "]";
        }
    }
}
