package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.messaging.Attachment;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.security.AccessScope;
import io.crmkit.testkit.RecordingChannel;
import io.crmkit.testkit.TestStrings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The outbox and delivery status on every database, until crm-testkit has a suite for them. */
abstract class OutboxBehaviour extends ServiceSlaBehaviour {
    private OutboxMessage queued(Customer c, Interaction i, MessageContent content, Instant due) {
        Instant now = data.now();
        return new OutboxMessage(new OutboundMessage(new MessageId(data.uuid()), "key-" + data.uuid(), "张三 <z@example.com>", content),
                c.id(), i.id(), DeliveryStatus.QUEUED, 0, due, Optional.empty(), Optional.empty(), Optional.empty(), now, now, 0);
    }

    @Test
    void concurrentSendsWithOneIdempotencyKeyQueueOneMessage() throws Exception {
        RecordingChannel sms = RecordingChannel.of(ChannelKind.SMS);
        try (Crm crm = Crm.builder().storage(open(JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(8))).messaging(MessagingSettings.builder()
                .channel(sms).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("并发幂等").phone("13800138000"));
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<MessageResult>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return crm.messaging().send(MessageRequest.sms(c.id()).text("订单已发货").idempotencyKey("order-1024-shipped"));
                }));
            }
            start.countDown();
            Set<MessageId> ids = new HashSet<>();
            for (Future<MessageResult> f : results) {
                ids.add(f.get(60, TimeUnit.SECONDS).messageId());
            }
            pool.shutdown();
            assertThat(ids).as("every caller got the one message").hasSize(1);
            assertThat(crm.messaging().withStatus(DeliveryStatus.QUEUED, PageRequest.first(10)).items()).hasSize(1);
            assertThat(crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items()).hasSize(1);
            assertThat(crm.messaging().dispatchPending()).isEqualTo(1);
            assertThat(sms.sent()).hasSize(1);
        }
    }

    @Test
    void aMessageQueuedInsideATransactionIsDispatchedAsSoonAsItCommits() throws Exception {
        RecordingChannel sms = RecordingChannel.of(ChannelKind.SMS);
        // the background dispatcher would look only every hour: only the wake-up after the commit sends it now
        try (Crm crm = Crm.builder().storage(open(JdbcStorage.builder().url(url).tablePrefix(prefix)))
                .messaging(MessagingSettings.builder().channel(sms).backgroundDispatch(Duration.ofHours(1)).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("提交后发送").phone("13800138000"));
            crm.inTransaction(s -> {
                s.messaging().send(MessageRequest.sms(c.id()).text("您的订单已确认"));
                return s.requirements().create(io.crmkit.core.requirement.NewRequirement.of(c.id(), "确认订单"));
            });
            assertThat(sms.awaitSent(1, Duration.ofSeconds(30))).as("sent right after the commit").isTrue();
        }
    }

    @Test
    void messagesOfEveryKindRoundTripAndClaimsNeverOverlap() throws Exception {
        JdbcStorage storage = open(JdbcStorage.builder().url(url).tablePrefix(prefix).maximumPoolSize(6));
        Customer c = data.person("Recipient").build();
        Interaction i = data.interaction(c.id()).build();
        byte[] pdf = ("%PDF " + TestStrings.NASTY).getBytes(StandardCharsets.UTF_8);
        Instant due = data.now();
        List<OutboxMessage> all = new ArrayList<>();
        all.add(queued(c, i, new MessageContent.Email(TestStrings.CHINESE + TestStrings.EMOJI, TestStrings.tenKilobytes(),
                Optional.of("<p>" + TestStrings.SQL_INJECTION + "</p>"), List.of(new Attachment("报价.pdf", "application/pdf", pdf)),
                Optional.of("sales@example.com")), due));
        all.add(queued(c, i, new MessageContent.Sms("您好 " + TestStrings.EMOJI), due));
        all.add(queued(c, i, new MessageContent.Voice(Optional.empty(), Optional.of("https://x.example/a.mp3"), Optional.empty()), due));
        for (int n = 0; n < 27; n++) {
            all.add(queued(c, i, new MessageContent.Sms("batch " + n), due.plusMillis(n)));
        }
        OutboxMessage later = queued(c, i, new MessageContent.Sms("later"), due.plus(Duration.ofHours(1)));
        storage.inTransaction(r -> {
            r.customers().insert(c);
            r.interactions().insert(i);
            all.forEach(r.outbox()::insert);
            r.outbox().insert(later);
            return null;
        });
        for (OutboxMessage m : all) {
            assertThat(storage.<Optional<OutboxMessage>>read(r -> r.outbox().findById(m.id()))).contains(m);
        }
        assertThat(storage.<Optional<OutboxMessage>>read(r -> r.outbox().findByIdempotencyKey(all.get(0).message().idempotencyKey()))).contains(all.get(0));
        assertThatThrownBy(() -> storage.inTransaction(r -> {
            r.outbox().insert(new OutboxMessage(new OutboundMessage(new MessageId(data.uuid()), all.get(1).message().idempotencyKey(),
                    "x", new MessageContent.Sms("dup")), c.id(), i.id(), DeliveryStatus.QUEUED, 0, due, Optional.empty(),
                    Optional.empty(), Optional.empty(), due, due, 0));
            return null;
        })).isInstanceOf(ConflictException.class);

        Instant now = due.plusSeconds(1);
        Instant lease = now.plusSeconds(60);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<List<OutboxMessage>>> claimers = Collections.nCopies(4,
                () -> storage.inTransaction(r -> r.outbox().claimDue(now, 4, lease)));
        Set<MessageId> claimed = new HashSet<>();
        int total = 0;
        try {
            for (int round = 0; round < 10; round++) {
                for (Future<List<OutboxMessage>> f : pool.invokeAll(claimers)) {
                    for (OutboxMessage m : f.get()) {
                        assertThat(m.leaseUntil()).contains(lease);
                        claimed.add(m.id());
                        total++;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(total).as("no message is claimed twice").isEqualTo(claimed.size());
        assertThat(claimed).hasSize(all.size()).doesNotContain(later.id());
        assertThat(storage.<List<OutboxMessage>>inTransaction(r -> r.outbox().claimDue(now, 10, lease))).isEmpty();

        OutboxMessage leased = storage.read(r -> r.outbox().findById(all.get(1).id())).orElseThrow();
        OutboxMessage sent = leased.sent("provider-1", now);
        storage.inTransaction(r -> {
            r.outbox().update(sent);
            r.interactions().updateDelivery(i.id(), DeliveryStatus.SENT, Optional.of("provider-1"));
            return null;
        });
        assertThatThrownBy(() -> storage.inTransaction(r -> {
            r.outbox().update(sent);
            return null;
        })).isInstanceOf(ConflictException.class);
        assertThat(storage.<Optional<OutboxMessage>>read(r -> r.outbox().findByProviderMessageId("provider-1"))).contains(sent);
        assertThat(storage.<io.crmkit.core.Page<OutboxMessage>>read(r -> r.outbox().byStatus(DeliveryStatus.SENT, AccessScope.everything(), PageRequest.first(10))).items()).containsExactly(sent);
        storage.inTransaction(r -> {
            r.interactions().updateDelivery(i.id(), DeliveryStatus.DELIVERED, Optional.empty());
            return null;
        });
        assertThat(interaction(storage, i.id())).contains(i.withDelivery(DeliveryStatus.SENT, Optional.of("provider-1"))
                .withDelivery(DeliveryStatus.DELIVERED, Optional.empty()));
        assertThatThrownBy(() -> storage.inTransaction(r -> {
            r.interactions().updateDelivery(data.interactionId(), DeliveryStatus.SENT, Optional.empty());
            return null;
        })).isInstanceOf(NotFoundException.class);
    }
}
