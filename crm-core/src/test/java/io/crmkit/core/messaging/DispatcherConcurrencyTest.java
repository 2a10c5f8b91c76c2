package io.crmkit.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.memory.InMemoryStorage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatcherConcurrencyTest {

    @Test
    void concurrentDispatchersSendEveryMessageExactlyOnce() throws Exception {
        FakeChannel sms = new FakeChannel(ChannelKind.SMS);
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).messaging(MessagingSettings.builder().channel(sms).dispatcher(7, Duration.ofMinutes(5), Duration.ofSeconds(5)).build()).build()) {
            Customer c = crm.customers().create(NewCustomer.person("并发").phone("13800138000"));
            for (int i = 0; i < 300; i++) {
                crm.messaging().send(MessageRequest.sms(c.id()).text("m" + i));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return crm.messaging().dispatchPending();
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(total).isEqualTo(300);
            assertThat(sms.delivered).hasSize(300);
            assertThat(sms.delivered.stream().map(OutboundMessage::id).distinct()).hasSize(300);
            assertThat(crm.messaging().withStatus(DeliveryStatus.SENT, PageRequest.first(1000)).items()).hasSize(300);
        }
    }

    @Test
    void theBackgroundDispatcherSendsWithoutTheHostAndCloseStopsIt() throws Exception {
        CountDownLatch sent = new CountDownLatch(3);
        FakeChannel email = new FakeChannel(ChannelKind.EMAIL) {
            @Override
            public DeliveryReceipt send(OutboundMessage message) {
                DeliveryReceipt r = super.send(message);
                sent.countDown();
                return r;
            }
        };
        Crm crm = Crm.builder().storage(InMemoryStorage.create()).messaging(MessagingSettings.builder().channel(email).backgroundDispatch(Duration.ofMinutes(10)).build()).build();
        Customer c = crm.customers().create(NewCustomer.person("后台").email("bg@example.com"));
        for (int i = 0; i < 3; i++) {
            crm.messaging().send(MessageRequest.email(c.id()).subject("s" + i).text("t"));
        }
        // the poll interval is 10 minutes: only the wake-up after send can have sent them this fast
        assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
        crm.close();
        assertThat(email.closed).isTrue();
        assertThat(email.delivered).hasSize(3);
    }
}
