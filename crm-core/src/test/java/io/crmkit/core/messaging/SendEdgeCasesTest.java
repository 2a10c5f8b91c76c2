package io.crmkit.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.PageRequest;
import io.crmkit.core.StorageException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Sending where a gateway, the storage or the host's input is unusual. */
class SendEdgeCasesTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T02:00:00Z");

    @Test
    void aGatewayHandingOutTheSameIdTwiceStillGetsEachMessageSentOnce() {
        FakeChannel echo = new FakeChannel(ChannelKind.SMS) {
            @Override
            public DeliveryReceipt send(OutboundMessage message) {
                super.send(message);
                return new DeliveryReceipt("queued"); // a gateway answering with a constant, not an id
            }
        };
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).messaging(MessagingSettings.builder().channel(echo).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("重复编号").phone("13800138000"));
            MessageResult first = crm.messaging().send(MessageRequest.sms(c.id()).text("1"));
            MessageResult second = crm.messaging().send(MessageRequest.sms(c.id()).text("2"));

            assertThat(crm.messaging().dispatchPending()).isEqualTo(2);
            assertThat(crm.messaging().dispatchPending()).isZero();
            assertThat(echo.attempts).hasSize(2);
            for (MessageResult r : List.of(first, second)) {
                assertThat(crm.messaging().get(r.messageId()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
            }
            // a report for the shared id reaches the newest message
            assertThat(crm.messaging().reportDelivery("queued", DeliveryStatus.DELIVERED, null).orElseThrow().id())
                    .isEqualTo(second.messageId());
            // and still does once that message changed (the index holding both ids was rewritten)
            assertThat(crm.messaging().reportDelivery("queued", DeliveryStatus.FAILED, "bounced").orElseThrow().id())
                    .isEqualTo(second.messageId());
            assertThat(crm.messaging().get(first.messageId()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        }
    }

    @Test
    void aFailingOutboxWriteLeavesNoTimelineEntryAndPublishesNothing() {
        FakeChannel sms = new FakeChannel(ChannelKind.SMS);
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        try (Crm crm = Crm.builder().storage(new FailingOutboxInserts(InMemoryStorage.create())).clock(clock).listener(events::add).messaging(MessagingSettings.builder()
                .channel(sms).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("写入失败").phone("13800138000"));
            events.clear();

            assertThatThrownBy(() -> crm.messaging().send(MessageRequest.sms(c.id()).text("lost")))
                    .isInstanceOf(StorageException.class);

            assertThat(crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items()).isEmpty();
            assertThat(crm.messaging().withStatus(DeliveryStatus.QUEUED, PageRequest.first(10)).items()).isEmpty();
            assertThat(events).isEmpty();
            assertThat(crm.messaging().dispatchPending()).isZero();
            assertThat(sms.attempts).isEmpty();
        }
    }

    @Test
    void aSendThatFailsInsideATransactionUndoesOnlyItselfAndItsEvents() {
        FakeChannel sms = new FakeChannel(ChannelKind.SMS);
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        try (Crm crm = Crm.builder().storage(new FailingOutboxInserts(InMemoryStorage.create())).clock(clock)
                .listener(events::add).messaging(MessagingSettings.builder().channel(sms).build()).build()) {
            Customer c = crm.inTransaction(s -> {
                Customer created = s.customers().create(NewCustomer.person("部分失败").phone("13800138000"));
                assertThatThrownBy(() -> s.messaging().send(MessageRequest.sms(created.id()).text("lost")))
                        .isInstanceOf(StorageException.class);
                s.interactions().log(created.id(), io.crmkit.core.interaction.Interaction.call(
                        io.crmkit.core.interaction.Direction.OUTBOUND).subject("改为电话"));
                return created;
            });

            assertThat(crm.interactions().timeline(c.id(), TimelineQuery.all(), PageRequest.first(10)).items())
                    .as("the failed send's timeline entry is undone, the call after it kept")
                    .extracting(i -> i.subject().orElse("")).containsExactly("改为电话");
            assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Created", "Logged");
            assertThat(crm.messaging().dispatchPending()).isZero();
        }
    }

    @Test
    void dispatchingIsRefusedInsideAUnitOfWork() {
        FakeChannel sms = new FakeChannel(ChannelKind.SMS);
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock)
                .messaging(MessagingSettings.builder().channel(sms).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("批处理").phone("13800138000"));
            crm.messaging().send(MessageRequest.sms(c.id()).text("hi"));
            assertThatThrownBy(() -> crm.read(s -> s.messaging().dispatchPending()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside");
            assertThatThrownBy(() -> crm.inTransaction(s -> s.messaging().dispatchPending()))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(sms.attempts).isEmpty();
            assertThat(crm.messaging().dispatchPending()).isEqualTo(1);
        }
    }

    @Test
    void anExplicitAddressOverridesTheCustomersContactPoint() {
        FakeChannel sms = new FakeChannel(ChannelKind.SMS);
        FakeChannel email = new FakeChannel(ChannelKind.EMAIL);
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).messaging(MessagingSettings.builder().channel(sms).channel(email).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("别的号码").phone("13800138000").email("a@example.cn"));
            crm.messaging().send(MessageRequest.sms(c.id()).to("139 0013 9000").text("to the other phone"));
            crm.messaging().send(MessageRequest.email(c.id()).to("Other@EXAMPLE.cn").subject("s").text("t"));
            crm.messaging().dispatchPending();
            assertThat(sms.delivered).extracting(OutboundMessage::to).containsExactly("+8613900139000");
            assertThat(email.delivered).extracting(OutboundMessage::to).containsExactly("Other@example.cn");
        }
    }

    @Test
    void aFailedDeliveryReportMarksTheTimeline() {
        FakeChannel sms = new FakeChannel(ChannelKind.SMS);
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).messaging(MessagingSettings.builder().channel(sms).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("未送达").phone("13800138000"));
            MessageResult r = crm.messaging().send(MessageRequest.sms(c.id()).text("hi"));
            crm.messaging().dispatchPending();
            String providerId = crm.messaging().get(r.messageId()).orElseThrow().providerMessageId().orElseThrow();

            OutboxMessage reported = crm.messaging().reportDelivery(providerId, DeliveryStatus.FAILED, "handset off").orElseThrow();
            assertThat(reported.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(crm.interactions().get(r.interactionId()).orElseThrow().deliveryStatus()).contains(DeliveryStatus.FAILED);
            assertThat(crm.messaging().dispatchPending()).as("a failed report is not retried").isZero();
        }
    }

    /** Storage whose outbox refuses every insert, as a full disk would. */
    private static final class FailingOutboxInserts implements CrmStorage {
        private final CrmStorage delegate;

        FailingOutboxInserts(CrmStorage delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(UnitOfWork<T> work) {
            return delegate.inTransaction(repos -> work.run(wrap(repos)));
        }

        private static Repositories wrap(Repositories repos) {
            OutboxRepository outbox = repos.outbox();
            OutboxRepository failing = (OutboxRepository) Proxy.newProxyInstance(SendEdgeCasesTest.class.getClassLoader(),
                    new Class<?>[] {OutboxRepository.class}, (proxy, method, args) -> {
                        if (method.getName().equals("insert")) {
                            throw new StorageException("disk full");
                        }
                        try {
                            return method.invoke(outbox, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return (Repositories) Proxy.newProxyInstance(SendEdgeCasesTest.class.getClassLoader(), new Class<?>[] {Repositories.class},
                    (proxy, method, args) -> method.getName().equals("outbox") ? failing : method.invoke(repos, args));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
