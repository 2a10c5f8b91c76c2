package io.crmkit.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.crmkit.core.Checks;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.event.EventSink;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes events to a RabbitMQ exchange, one persistent JSON message each ({@link EventJson}), and returns only
 * when the broker confirmed every one of them (publisher confirms): a nack, a timeout, a message the broker could
 * not route ({@code mandatory}, returned) or a lost connection fails the batch, and the relay publishes it again.
 * The message id is the event id, so consumers de-duplicate by it ({@link DeduplicatingConsumer}); the routing key
 * is the event type ({@code customer.updated}) unless set, so a topic exchange can route by record kind
 * ({@code customer.*}). Headers carry the position, record kind and record id.
 *
 * <p>The exchange and the queues bound to it are the host's: declare them durable, or messages are lost on a broker
 * restart although confirmed. The connection recovers by itself (amqp-client's automatic recovery); while it is
 * down, publishes fail and the relay retries them. Thread-safe: publishes run one at a time on one channel.
 */
public final class RabbitEventSink implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitEventSink.class);
    /** The header holding the event's position. */
    public static final String POSITION_HEADER = "crm-position";
    /** The header holding the record kind. */
    public static final String RECORD_KIND_HEADER = "crm-record-kind";
    /** The header holding the record id. */
    public static final String RECORD_ID_HEADER = "crm-record-id";

    private final ConnectionFactory factory;
    private final String exchange;
    private final Duration confirmTimeout;
    private final Function<EventRecord, String> routingKey;
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private @Nullable Connection connection;
    private @Nullable Channel channel;
    private boolean closed;

    private RabbitEventSink(Builder b) {
        this.factory = b.factory;
        this.exchange = Objects.requireNonNull(b.exchange, "exchange");
        this.confirmTimeout = b.confirmTimeout;
        this.routingKey = b.routingKey;
    }

    /** A sink on connections from {@code factory}; its automatic recovery is switched on. */
    public static Builder builder(ConnectionFactory factory) {
        return new Builder(factory);
    }

    @Override
    public synchronized void publish(List<EventRecord> events) throws DeliveryException {
        if (closed) {
            throw new DeliveryException("the RabbitMQ sink is closed", false);
        }
        try {
            Channel ch = channel();
            returned.clear();
            for (EventRecord e : events) {
                ch.basicPublish(exchange, routingKey.apply(e), true, properties(e), EventJson.write(e));
            }
            ch.waitForConfirmsOrDie(confirmTimeout.toMillis());
            if (!returned.isEmpty()) {
                throw new DeliveryException(returned.size() + " of " + events.size() + " events could not be routed"
                        + " from exchange " + exchange + ": bind a queue for their routing keys", true);
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            discardChannel();
            if (e instanceof DeliveryException d) {
                throw d;
            }
            throw new DeliveryException("publishing " + events.size() + " events to exchange " + exchange + " failed: "
                    + e, true, e);
        } catch (InterruptedException e) {
            discardChannel();
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while waiting for the broker's confirms", true, e);
        }
    }

    private static AMQP.BasicProperties properties(EventRecord e) {
        return MessageProperties.PERSISTENT_BASIC.builder()
                .messageId(e.id().toString())
                .contentType("application/json")
                .contentEncoding("UTF-8")
                .type(e.type())
                .timestamp(Date.from(e.occurredAt()))
                .headers(Map.of(POSITION_HEADER, e.position(), RECORD_KIND_HEADER, e.recordKind().name(),
                        RECORD_ID_HEADER, e.recordId().toString()))
                .build();
    }

    /** The confirming channel, made again after a failure (a channel that saw an error is closed by the broker). */
    private Channel channel() throws IOException, TimeoutException {
        Channel ch = channel;
        if (ch != null && ch.isOpen()) {
            return ch;
        }
        Connection c = connection;
        if (c == null) {
            c = factory.newConnection("crmkit-event-relay");
            connection = c;
        }
        ch = c.createChannel();
        ch.confirmSelect();
        ch.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getMessageId())));
        channel = ch;
        return ch;
    }

    private void discardChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isOpen()) {
            try {
                ch.abort();
            } catch (IOException | RuntimeException e) {
                LOG.debug("aborting the channel failed", e);
            }
        }
    }

    /** Closes the channel and the connection. */
    @Override
    public synchronized void close() {
        closed = true;
        discardChannel();
        Connection c = connection;
        connection = null;
        if (c != null) {
            c.abort();
        }
    }

    @Override
    public String toString() {
        return "RabbitEventSink[exchange=" + exchange + "]";
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final ConnectionFactory factory;
        private @Nullable String exchange;
        private Duration confirmTimeout = Duration.ofSeconds(10);
        private Function<EventRecord, String> routingKey = EventRecord::type;

        private Builder(ConnectionFactory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** The exchange to publish to: 1 to 255 characters (the AMQP limit). Required. */
        public Builder exchange(String exchange) {
            this.exchange = Objects.requireNonNull(exchange, "exchange");
            return this;
        }

        /** How long to wait for the broker's confirms of one batch: more than 0. Default: 10 s. */
        public Builder confirmTimeout(Duration timeout) {
            this.confirmTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The routing key of an event. Default: its type, such as {@code customer.updated}. */
        public Builder routingKey(Function<EventRecord, String> key) {
            this.routingKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public RabbitEventSink build() {
            Checks checks = new Checks();
            exchange = checks.required("exchange", exchange, 255);
            checks.positive("confirmTimeout", confirmTimeout);
            checks.throwIfAny();
            factory.setAutomaticRecoveryEnabled(true);
            return new RabbitEventSink(this);
        }
    }
}
