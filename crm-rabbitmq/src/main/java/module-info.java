/**
 * crmkit's RabbitMQ adapter: {@link io.crmkit.rabbitmq.RabbitEventSink} relays the event outbox with publisher
 * confirms, {@link io.crmkit.rabbitmq.DeduplicatingConsumer} takes the events on the host's side.
 */
module io.crmkit.rabbitmq {
    requires transitive io.crmkit.core;      // EventSink, EventRecord in the API
    requires transitive com.rabbitmq.client; // the host's ConnectionFactory and Channel, escape hatches
    requires tools.jackson.core;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.crmkit.rabbitmq;
}
