package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.jdbc.JdbcStorage;
import io.crmkit.testkit.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CRM that dies in the middle of a batch, without closing, on an embedded H2 database: it claimed every
 * queued SMS under a lease and froze right after the gateway accepted one of them, so that message, and
 * any others of the batch whose results were not yet recorded, reached the gateway without being marked
 * sent. A second CRM on the same database (its own connection pool, as after a restart) keeps off the
 * leased messages until the lease ends, then sends every message; those the first one sent but did not
 * record go again with the same idempotency key, and no recorded one is sent twice. Whether the first
 * instance recorded some results before it froze (the dispatcher records a batch's results at least every
 * 500 ms) is read from the database, not assumed.
 */
@Timeout(120)
class OutboxCrashTest {
    private static final int MESSAGES = 50;
    private static final int FREEZE_AT = 20;
    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final CountingSmsGateway gateway = new CountingSmsGateway(Duration.ofMillis(1), 1);
    @RegisterExtension
    final GatewayServer server = new GatewayServer(gateway);

    private HttpSmsChannel sms() {
        return server.jsonSms("tok-crash");
    }

    @Test
    void aCrashMidBatchIsRecoveredAfterTheLeaseWithTheSameIdempotencyKeys() throws Exception {
        TestClock firstClock = TestClock.create();
        FreezingChannel freezing = new FreezingChannel(sms(), FREEZE_AT);
        Crm first = Crm.builder().storage(JdbcStorage.embedded(dir)).clock(firstClock).messaging(MessagingSettings.builder().channel(freezing)
                .dispatcher(MESSAGES, LEASE, Duration.ofSeconds(1)).build()).build();
        Thread dispatching = null;
        try {
            Customer customer = first.customers().create(NewCustomer.person("王小明").phone("13800138000"));
            for (int i = 0; i < MESSAGES; i++) {
                first.messaging().send(MessageRequest.sms(customer.id()).text("订单 #" + i + " 已发货"));
            }
            Set<String> keys = Outbox.withStatus(first, DeliveryStatus.QUEUED).stream()
                    .map(m -> m.message().idempotencyKey()).collect(Collectors.toSet());
            assertThat(keys).hasSize(MESSAGES);

            // 1. The first CRM claims the whole batch and freezes after the gateway took message FREEZE_AT.
            dispatching = new Thread(() -> first.messaging().dispatchPending(), "crashing-dispatcher");
            dispatching.setDaemon(true);
            dispatching.start();
            assertThat(freezing.frozen.await(60, TimeUnit.SECONDS)).as("the first CRM froze mid-batch").isTrue();
            Map<String, Integer> beforeRestart = gateway.countsPerKey();
            assertThat(beforeRestart).hasSize(FREEZE_AT).allSatisfy((key, count) -> assertThat(count).isEqualTo(1));

            // 2. A second CRM on the same database, as after a restart.
            TestClock clock = TestClock.at(firstClock.instant().plus(LEASE).minusSeconds(1));
            try (Crm second = Crm.builder().storage(JdbcStorage.embedded(dir)).clock(clock).messaging(MessagingSettings.builder().channel(sms()).build()).build()) {
                Set<String> recorded = keysOf(Outbox.withStatus(second, DeliveryStatus.SENT));
                List<OutboxMessage> unfinished = Outbox.withStatus(second, DeliveryStatus.QUEUED);
                assertThat(recorded).as("only what reached the gateway can be recorded as sent")
                        .isSubsetOf(beforeRestart.keySet());
                assertThat(unfinished).hasSize(MESSAGES - recorded.size()).allSatisfy(m -> {
                    assertThat(m.leaseUntil()).as("still leased by the crashed CRM").isPresent();
                    assertThat(m.attempts()).isZero();
                });
                Set<String> sentNotRecorded = new HashSet<>(beforeRestart.keySet());
                sentNotRecorded.removeAll(recorded);
                assertThat(sentNotRecorded).as("at least the message it froze on was sent and not recorded")
                        .isNotEmpty();

                assertThat(second.messaging().dispatchPending()).as("nothing before the lease ends").isZero();
                assertThat(gateway.requests()).isEqualTo(FREEZE_AT);

                clock.advance(Duration.ofSeconds(2));
                for (int rounds = 0; Outbox.count(second, DeliveryStatus.QUEUED) > 0; rounds++) {
                    assertThat(rounds).as("dispatch rounds").isLessThan(20);
                    second.messaging().dispatchPending();
                }

                Map<String, Integer> counts = gateway.countsPerKey();
                assertThat(gateway.requestsWithoutKey()).isZero();
                assertThat(counts.keySet()).as("every message reached the gateway with its key").isEqualTo(keys);
                for (String key : keys) {
                    int expected = sentNotRecorded.contains(key) ? 2 : 1;
                    assertThat(counts.get(key)).as("requests with key %s", key).isEqualTo(expected);
                }
                assertThat(gateway.requests()).isEqualTo(MESSAGES + sentNotRecorded.size());
                List<OutboxMessage> sent = Outbox.withStatus(second, DeliveryStatus.SENT);
                assertThat(keysOf(sent)).isEqualTo(keys);
                assertThat(sent).allSatisfy(m -> assertThat(m.providerMessageId()).isPresent());
                for (DeliveryStatus other : List.of(DeliveryStatus.QUEUED, DeliveryStatus.FAILED, DeliveryStatus.DEAD)) {
                    assertThat(Outbox.count(second, other)).as(other.name()).isZero();
                }
            }
        } finally {
            freezing.die();
            if (dispatching != null) {
                dispatching.join(TimeUnit.SECONDS.toMillis(30));
            }
            first.close();
        }
    }

    private static Set<String> keysOf(List<OutboxMessage> messages) {
        return messages.stream().map(m -> m.message().idempotencyKey()).collect(Collectors.toSet());
    }

    /**
     * Sends through its delegate, until the {@code freezeAt}-th message: that one it sends, then hangs
     * before returning, as a process does that stops right after the gateway answered, until
     * {@link #die()} ends the dispatching thread with an error.
     */
    private static final class FreezingChannel implements MessageChannel {
        private final MessageChannel delegate;
        private final int freezeAt;
        private final AtomicInteger sends = new AtomicInteger();
        final CountDownLatch frozen = new CountDownLatch(1);
        private final CountDownLatch dead = new CountDownLatch(1);

        FreezingChannel(MessageChannel delegate, int freezeAt) {
            this.delegate = delegate;
            this.freezeAt = freezeAt;
        }

        @Override
        public ChannelKind kind() {
            return delegate.kind();
        }

        @Override
        public DeliveryReceipt send(OutboundMessage message) {
            int n = sends.incrementAndGet();
            if (n > freezeAt) {
                throw new Crash();
            }
            DeliveryReceipt receipt = delegate.send(message);
            if (n == freezeAt) {
                frozen.countDown();
                try {
                    dead.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new Crash();
            }
            return receipt;
        }

        void die() {
            dead.countDown();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** The end of a dispatching thread whose process is taken to have died. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("simulated crash", null, false, false);
        }
    }
}
