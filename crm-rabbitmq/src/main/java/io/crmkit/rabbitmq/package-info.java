/**
 * The event outbox on RabbitMQ. {@link io.crmkit.rabbitmq.RabbitEventSink} is an
 * {@link io.crmkit.core.event.EventSink} for {@code crm.events().relay(...)}: each event one persistent message,
 * published with {@code mandatory} and waited for with publisher confirms, its message id the event id.
 * {@link io.crmkit.rabbitmq.DeduplicatingConsumer} wraps the host's handler: it acks after the handler succeeded
 * and drops a message whose id it saw recently, so the host handles each event once although the relay delivers
 * at least once.
 *
 * <pre>{@code
 * ConnectionFactory factory = new ConnectionFactory();
 * factory.setUri("amqp://guest:guest@127.0.0.1:5672/%2F");
 * try (RabbitEventSink sink = RabbitEventSink.builder(factory).exchange("crm.events").build();
 *      EventRelay relay = crm.events().relay(sink, RelaySettings.DEFAULT)) {
 *     relay.start();
 *     ...
 * }
 * }</pre>
 */
@NullMarked
package io.crmkit.rabbitmq;

import org.jspecify.annotations.NullMarked;
