package io.crmkit.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.PageRequest;
import io.crmkit.core.StorageException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.interaction.InteractionRepository;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DispatcherRecordFailureTest {

    @Test
    void aResultThatCannotBeRecordedDoesNotStopTheBatchAndIsRetriedAfterItsLease() {
        MutableClock clock = MutableClock.at("2026-03-02T02:00:00Z");
        FakeChannel sms = new FakeChannel(ChannelKind.SMS);
        Set<InteractionId> unrecordable = ConcurrentHashMap.newKeySet();
        CrmStorage storage = new FailingDeliveryWrites(InMemoryStorage.create(), unrecordable);
        try (Crm crm = Crm.builder().storage(storage).clock(clock).messaging(MessagingSettings.builder().channel(sms)
                .dispatcher(10, Duration.ofMinutes(5), Duration.ofSeconds(5)).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("记录失败").phone("13800138000"));
            MessageResult first = crm.messaging().send(MessageRequest.sms(c.id()).text("1"));
            crm.messaging().send(MessageRequest.sms(c.id()).text("2"));
            crm.messaging().send(MessageRequest.sms(c.id()).text("3"));
            unrecordable.add(first.interactionId());

            assertThat(crm.messaging().dispatchPending()).isEqualTo(3);
            assertThat(sms.delivered).hasSize(3);
            assertThat(crm.messaging().withStatus(DeliveryStatus.SENT, PageRequest.first(10)).items()).hasSize(2);
            OutboxMessage unrecorded = crm.messaging().get(first.messageId()).orElseThrow();
            assertThat(unrecorded.status()).isEqualTo(DeliveryStatus.QUEUED);
            assertThat(unrecorded.leaseUntil()).isPresent();

            assertThat(crm.messaging().dispatchPending()).isZero(); // still leased
            unrecordable.clear(); // the connection is back
            clock.advance(Duration.ofMinutes(5));
            assertThat(crm.messaging().dispatchPending()).isEqualTo(1);
            assertThat(sms.delivered).hasSize(4);
            assertThat(sms.delivered.get(3).idempotencyKey()).isEqualTo(sms.delivered.get(0).idempotencyKey());
            assertThat(crm.messaging().get(first.messageId()).orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        }
    }

    @Test
    void theResultsOfAClaimedBatchAreWrittenInOneTransaction() {
        FakeChannel sms = new FakeChannel(ChannelKind.SMS);
        AtomicInteger writes = new AtomicInteger();
        CrmStorage memory = InMemoryStorage.create();
        CrmStorage counting = new CrmStorage() {
            @Override
            public <T> T inTransaction(UnitOfWork<T> work) {
                writes.incrementAndGet();
                return memory.inTransaction(work);
            }

            @Override
            public void close() {
                memory.close();
            }
        };
        try (Crm crm = Crm.builder().storage(counting).messaging(MessagingSettings.builder().channel(sms)
                .dispatcher(10, Duration.ofMinutes(5), Duration.ofSeconds(5)).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("一次写入").phone("13800138000"));
            for (int i = 0; i < 6; i++) {
                crm.messaging().send(MessageRequest.sms(c.id()).text("m" + i));
            }
            sms.thenFail(DeliveryException.retryable("busy", null)); // a failure is recorded with the rest
            writes.set(0);

            assertThat(crm.messaging().dispatchPending()).isEqualTo(6);
            assertThat(writes).as("one claim, one write of the six results").hasValue(2);
            assertThat(crm.messaging().withStatus(DeliveryStatus.SENT, PageRequest.first(10)).items()).hasSize(5);
            assertThat(crm.messaging().withStatus(DeliveryStatus.QUEUED, PageRequest.first(10)).items())
                    .singleElement().satisfies(m -> assertThat(m.attempts()).isEqualTo(1));
        }
    }

    /** Storage where writing SENT on the given interactions fails, as a dropped connection would. */
    private static final class FailingDeliveryWrites implements CrmStorage {
        private final CrmStorage delegate;
        private final Set<InteractionId> unrecordable;

        FailingDeliveryWrites(CrmStorage delegate, Set<InteractionId> failing) {
            this.delegate = delegate;
            this.unrecordable = failing;
        }

        @Override
        public <T> T inTransaction(UnitOfWork<T> work) {
            return delegate.inTransaction(repos -> work.run(wrap(repos)));
        }

        private Repositories wrap(Repositories repos) {
            InteractionRepository interactions = repos.interactions();
            InteractionRepository failing = (InteractionRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {InteractionRepository.class}, (proxy, method, args) -> {
                        if (method.getName().equals("updateDelivery") && args[1] == DeliveryStatus.SENT
                                && unrecordable.contains((InteractionId) args[0])) {
                            throw new StorageException("connection lost");
                        }
                        try {
                            return method.invoke(interactions, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return (Repositories) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Repositories.class},
                    (proxy, method, args) -> method.getName().equals("interactions") ? failing : method.invoke(repos, args));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
