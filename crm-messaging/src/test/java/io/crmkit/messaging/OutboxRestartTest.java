package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every queued message is sent exactly once across a restart: 1,000 SMS are queued on an embedded H2
 * database, a CRM with background dispatch is closed while it is sending them, and a new CRM on the same
 * database sends the rest. The gateway counts the requests per idempotency key.
 */
class OutboxRestartTest {
    private static final int MESSAGES = 1_000;
    private static final int CLOSE_AFTER = 200;

    @TempDir
    Path dir;

    private final CountingSmsGateway gateway = new CountingSmsGateway(Duration.ofMillis(3), CLOSE_AFTER);
    @RegisterExtension
    final GatewayServer server = new GatewayServer(gateway);

    private HttpSmsChannel sms() {
        return server.jsonSms("tok-restart");
    }

    @Test
    @Timeout(180)
    void closingInTheMiddleOfDispatchingAndRestartingSendsEveryMessageExactlyOnce() throws Exception {
        Set<String> keys = new HashSet<>();
        Customer customer;
        // 1. Queue the messages (no dispatcher running yet).
        try (Crm crm = Crm.builder().storage(JdbcStorage.embedded(dir)).messaging(MessagingSettings.builder().channel(sms()).build()).build()) {
            customer = crm.customers().create(NewCustomer.person("王小明").phone("13800138000"));
            for (int i = 0; i < MESSAGES; i++) {
                MessageResult r = crm.messaging().send(MessageRequest.sms(customer.id()).text("订单 #" + i + " 已发货"));
                assertThat(r.status()).isEqualTo(DeliveryStatus.QUEUED);
            }
            for (OutboxMessage m : Outbox.withStatus(crm, DeliveryStatus.QUEUED)) {
                keys.add(m.message().idempotencyKey());
            }
        }
        assertThat(keys).hasSize(MESSAGES);
        assertThat(gateway.requests()).isZero();

        // 2. A CRM dispatching in the background, closed after the gateway saw CLOSE_AFTER requests.
        int seenAtClose;
        Crm background = Crm.builder().storage(JdbcStorage.embedded(dir)).messaging(MessagingSettings.builder().channel(sms())
                .backgroundDispatch(Duration.ofMillis(100))
                .dispatcher(25, Duration.ofMinutes(2), Duration.ofSeconds(30)).build())
                .build();
        try {
            assertThat(gateway.awaitLatch(Duration.ofSeconds(90)))
                    .as("the background dispatcher sent %d messages", CLOSE_AFTER).isTrue();
        } finally {
            background.close();
        }
        seenAtClose = gateway.requests();
        assertThat(seenAtClose).as("closed in the middle of dispatching").isBetween(CLOSE_AFTER, MESSAGES - 1);

        // 3. A new CRM on the same database sends the rest.
        try (Crm crm = Crm.builder().storage(JdbcStorage.embedded(dir)).messaging(MessagingSettings.builder().channel(sms()).build()).build()) {
            assertThat(Outbox.count(crm, DeliveryStatus.SENT))
                    .as("every request the gateway answered before the close was recorded as sent")
                    .isEqualTo(seenAtClose);
            List<OutboxMessage> left = Outbox.withStatus(crm, DeliveryStatus.QUEUED);
            assertThat(left).hasSize(MESSAGES - seenAtClose)
                    .allSatisfy(m -> {
                        assertThat(m.attempts()).as("unsent messages were released without an attempt").isZero();
                        assertThat(m.leaseUntil()).as("released, not left leased").isEmpty();
                    });

            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            int rounds = 0;
            while (Outbox.count(crm, DeliveryStatus.QUEUED) > 0) {
                assertThat(Instant.now()).as("all sent in time").isBefore(deadline);
                assertThat(rounds++).as("dispatch rounds").isLessThan(100);
                crm.messaging().dispatchPending();
            }

            Map<String, Integer> counts = gateway.countsPerKey();
            assertThat(gateway.requestsWithoutKey()).isZero();
            assertThat(counts.keySet()).as("one request per message, with its idempotency key").isEqualTo(keys);
            assertThat(counts.entrySet()).filteredOn(e -> e.getValue() != 1).as("keys sent more than once").isEmpty();
            assertThat(gateway.requests()).isEqualTo(MESSAGES);

            List<OutboxMessage> sent = Outbox.withStatus(crm, DeliveryStatus.SENT);
            assertThat(sent).hasSize(MESSAGES).allSatisfy(m -> {
                assertThat(m.attempts()).isEqualTo(1);
                assertThat(m.providerMessageId()).hasValueSatisfying(id -> assertThat(id).startsWith("gw-"));
            });
            assertThat(sent.stream().map(m -> m.providerMessageId().orElseThrow()).collect(Collectors.toSet()))
                    .hasSize(MESSAGES);
            for (DeliveryStatus other : List.of(DeliveryStatus.QUEUED, DeliveryStatus.FAILED, DeliveryStatus.DEAD)) {
                assertThat(Outbox.count(crm, other)).as(other.name()).isZero();
            }

            List<Interaction> timeline = Outbox.timeline(crm, customer.id());
            assertThat(timeline).hasSize(MESSAGES).allSatisfy(i -> {
                assertThat(i.channel()).isEqualTo(InteractionChannel.SMS);
                assertThat(i.deliveryStatus()).isEqualTo(Optional.of(DeliveryStatus.SENT));
                assertThat(i.providerMessageId()).hasValueSatisfying(id -> assertThat(id).startsWith("gw-"));
            });
            assertThat(timeline.stream().map(i -> i.providerMessageId().orElseThrow()).collect(Collectors.toSet()))
                    .isEqualTo(sent.stream().map(m -> m.providerMessageId().orElseThrow()).collect(Collectors.toSet()));
        }
    }
}
