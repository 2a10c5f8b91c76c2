package io.crmkit.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link RabbitEventSink} and {@link DeduplicatingConsumer} against the broker of {@code CRM_TEST_RABBITMQ_URL}. */
class RabbitEventSinkTest {
    private static final Instant AT = Instant.parse("2025-03-10T08:00:00.123456Z");

    private Connection connection;
    private Channel admin;
    private String exchange;
    private String queue;
    private String url;

    @BeforeEach
    void declare() throws Exception {
        url = Rabbit.url();
        connection = Rabbit.factory(url).newConnection("crm-test");
        admin = connection.createChannel();
        exchange = Rabbit.uniqueName("exchange");
        queue = Rabbit.uniqueName("queue");
        admin.exchangeDeclare(exchange, "topic", false, true, null);
        admin.queueDeclare(queue, false, false, true, null);
        admin.queueBind(queue, exchange, "customer.*");
    }

    @AfterEach
    void delete() throws Exception {
        if (connection != null) {
            connection.abort();
        }
    }

    private static EventRecord event(long position, String type, RecordKind kind) {
        return new EventRecord(UUID.randomUUID(), position, type, kind, UUID.randomUUID(),
                position % 2 == 0 ? OptionalLong.of(position) : OptionalLong.empty(), List.of("displayName", "tags"), AT,
                UserRef.of("李 \"四\" 🚀"), AuditSource.API);
    }

    @Test
    void aBatchArrivesConfirmedPersistentWithTheEventIdAsMessageIdAndAJsonBody() throws Exception {
        List<EventRecord> batch = List.of(event(1, "customer.created", RecordKind.CUSTOMER),
                event(2, "customer.updated", RecordKind.CUSTOMER));
        try (RabbitEventSink sink = RabbitEventSink.builder(Rabbit.factory(url)).exchange(exchange).build()) {
            sink.publish(batch);
        }
        for (EventRecord e : batch) {
            GetResponse got = admin.basicGet(queue, true);
            assertThat(got).as("message %s", e.position()).isNotNull();
            AMQP.BasicProperties p = got.getProps();
            assertThat(p.getMessageId()).isEqualTo(e.id().toString());
            assertThat(p.getDeliveryMode()).as("persistent").isEqualTo(2);
            assertThat(p.getType()).isEqualTo(e.type());
            assertThat(got.getEnvelope().getRoutingKey()).isEqualTo(e.type());
            assertThat(p.getHeaders().get(RabbitEventSink.POSITION_HEADER)).isEqualTo(e.position());
            assertThat(p.getHeaders().get(RabbitEventSink.RECORD_ID_HEADER).toString()).isEqualTo(e.recordId().toString());
            String version = e.recordVersion().isPresent() ? "\"recordVersion\":" + e.recordVersion().getAsLong() + "," : "";
            assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"" + e.id() + "\",\"position\":"
                    + e.position() + ",\"type\":\"" + e.type() + "\",\"recordKind\":\"CUSTOMER\",\"recordId\":\""
                    + e.recordId() + "\"," + version + "\"changedFields\":[\"displayName\",\"tags\"],"
                    + "\"occurredAt\":\"2025-03-10T08:00:00.123456Z\",\"actor\":\"李 \\\"四\\\" 🚀\",\"source\":\"API\"}");
        }
        assertThat(admin.basicGet(queue, true)).isNull();
    }

    @Test
    void anUnroutableEventFailsTheBatchAsRetryable() throws Exception {
        try (RabbitEventSink sink = RabbitEventSink.builder(Rabbit.factory(url)).exchange(exchange).build()) {
            assertThatThrownBy(() -> sink.publish(List.of(event(1, "customer.created", RecordKind.CUSTOMER),
                    event(2, "task.created", RecordKind.TASK))))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.isRetryable()).isTrue())
                    .hasMessageContaining("1 of 2 events could not be routed");
            sink.publish(List.of(event(3, "customer.updated", RecordKind.CUSTOMER))); // the sink goes on
        }
    }

    @Test
    void aMissingExchangeFailsTheBatchAndTheSinkRecoversOnceItExists() throws Exception {
        String missing = Rabbit.uniqueName("missing");
        try (RabbitEventSink sink = RabbitEventSink.builder(Rabbit.factory(url)).exchange(missing)
                .confirmTimeout(Duration.ofSeconds(5)).build()) {
            assertThatThrownBy(() -> sink.publish(List.of(event(1, "customer.created", RecordKind.CUSTOMER))))
                    .isInstanceOf(DeliveryException.class).hasMessageContaining(missing);
            admin.exchangeDeclare(missing, "topic", false, true, null);
            admin.queueBind(queue, missing, "#");
            sink.publish(List.of(event(2, "customer.created", RecordKind.CUSTOMER)));
        }
        assertThat(admin.basicGet(queue, true)).isNotNull();
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> RabbitEventSink.builder(Rabbit.factory(url)).confirmTimeout(Duration.ZERO).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("exchange", "confirmTimeout"));
    }

    @Test
    void theConsumerHandsEachMessageIdOnceAndRetriesWhatTheHandlerFailed() throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failOnce = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(3);
        Channel consuming = connection.createChannel();
        DeduplicatingConsumer consumer = new DeduplicatingConsumer(consuming, (id, props, body) -> {
            if (id.equals("b") && failOnce.getAndIncrement() == 0) {
                throw new IllegalStateException("the host's database is busy");
            }
            handled.add(id);
            done.countDown();
        }, 10);
        for (String id : List.of("a", "a", "b", "a", "c", "c")) {
            admin.basicPublish(exchange, "customer.updated", true,
                    new AMQP.BasicProperties.Builder().messageId(id).build(), new byte[0]);
        }
        consuming.basicConsume(queue, false, consumer);
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.handled() + consumer.duplicates() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the counters move just after the handler returns
        }
        assertThat(handled).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(failOnce.get()).isEqualTo(2);
        assertThat(consumer.handled()).isEqualTo(3);
        assertThat(consumer.duplicates()).isEqualTo(3);
    }
}
