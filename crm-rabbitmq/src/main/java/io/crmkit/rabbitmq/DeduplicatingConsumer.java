package io.crmkit.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer for the host's side of {@link RabbitEventSink}: hands each message to the host's handler once, although
 * the relay delivers at least once. It remembers the message ids it handled, and acks a message whose id it
 * remembers without handing it on; a new one it acks after the handler returned, and nacks (requeued) when the
 * handler throws, without remembering it, so it comes again.
 *
 * <p>The window: the last {@link #DEFAULT_WINDOW} ids (or as many as given), in the heap of this consumer. A
 * duplicate arrives within a few batches of the first copy (a publish retried after a failure, a redelivery after a
 * lost connection), far inside the window; one that comes back after more distinct ids than that, or after this JVM
 * restarted, is handed on again. A host that must never handle one twice also keeps the ids it handled in its own
 * database, in the transaction of the handling.
 *
 * <pre>{@code
 * channel.basicQos(100);
 * channel.basicConsume("crm.events", false, new DeduplicatingConsumer(channel, (id, props, body) -> handle(body)));
 * }</pre>
 *
 * Register it with {@code autoAck=false}. One consumer handles one message at a time (amqp-client calls it in
 * delivery order), so it is not shared between channels.
 */
public final class DeduplicatingConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(DeduplicatingConsumer.class);
    /** The ids remembered unless set. */
    public static final int DEFAULT_WINDOW = 100_000;

    /** What the host does with one message. */
    @FunctionalInterface
    public interface Handler {
        /** Handles a message; throwing leaves it to be delivered again. */
        void handle(String messageId, AMQP.BasicProperties properties, byte[] body) throws Exception;
    }

    private final Handler handler;
    private final Map<String, Boolean> seen;
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();

    /** A consumer on {@code channel} remembering the last {@link #DEFAULT_WINDOW} ids. */
    public DeduplicatingConsumer(Channel channel, Handler handler) {
        this(channel, handler, DEFAULT_WINDOW);
    }

    /** A consumer on {@code channel} remembering the last {@code window} (at least 1) ids. */
    public DeduplicatingConsumer(Channel channel, Handler handler, int window) {
        super(channel);
        this.handler = Objects.requireNonNull(handler, "handler");
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1: " + window);
        }
        this.seen = new LinkedHashMap<>(Math.min(window, 1 << 16) * 2, 0.75f) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > window;
            }
        };
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
            throws IOException {
        String id = properties.getMessageId();
        if (id == null) {
            LOG.warn("a message without id on {}: handled without de-duplication", envelope.getRoutingKey());
            id = "";
        }
        synchronized (seen) {
            if (!id.isEmpty() && seen.containsKey(id)) {
                duplicates.incrementAndGet();
                getChannel().basicAck(envelope.getDeliveryTag(), false);
                return;
            }
        }
        try {
            handler.handle(id, properties, body);
        } catch (Exception e) {
            LOG.warn("the handler failed on message {}; it is delivered again", id, e);
            getChannel().basicNack(envelope.getDeliveryTag(), false, true);
            return;
        }
        synchronized (seen) {
            if (!id.isEmpty()) {
                seen.put(id, Boolean.TRUE);
            }
        }
        handled.incrementAndGet();
        getChannel().basicAck(envelope.getDeliveryTag(), false);
    }

    /** How many messages the handler took. */
    public long handled() {
        return handled.get();
    }

    /** How many messages were dropped as duplicates. */
    public long duplicates() {
        return duplicates.get();
    }
}
