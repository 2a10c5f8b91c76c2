package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.messaging.RetryPolicy;
import io.crmkit.testkit.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An SMTP server that is down when a message is dispatched and up again later, through the CRM's outbox:
 * the failed attempt leaves the message queued with a retry time, nothing is sent before it, and the
 * dispatch after it sends the mail exactly once through the same channel.
 */
@Timeout(60)
class OutboxSmtpOutageTest {
    private static final RetryPolicy RETRY = new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(5));

    private GreenMail greenMail;

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aMessageDispatchedWhileTheServerIsDownIsSentOnceAfterItsRetryTime() throws Exception {
        int port = freePort(); // nothing listens there yet
        TestClock clock = TestClock.create();
        SmtpEmailChannel email = SmtpEmailChannel.builder().host("127.0.0.1").port(port)
                .security(SmtpEmailChannel.Security.NONE).localHostName("crm.test")
                .connectTimeout(Duration.ofSeconds(2)).from("service@shop.example").build();
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).messaging(MessagingSettings.builder().channel(email).retryPolicy(RETRY).build())
                .build()) {
            Customer customer = crm.customers().create(NewCustomer.person("张三").email("zhang.san@example.com"));
            MessageResult result = crm.messaging().send(MessageRequest.email(customer.id()).subject("发货通知")
                    .text("您的订单已发货。"));

            assertThat(crm.messaging().dispatchPending()).isEqualTo(1);

            OutboxMessage queued = crm.messaging().get(result.messageId()).orElseThrow();
            assertThat(queued.status()).isEqualTo(DeliveryStatus.QUEUED);
            assertThat(queued.attempts()).isEqualTo(1);
            assertThat(queued.nextAttemptAt()).isAfter(clock.instant());
            assertThat(queued.leaseUntil()).isEmpty();
            assertThat(queued.lastError()).hasValueSatisfying(error -> assertThat(error)
                    .contains("127.0.0.1:" + port, "connection failed"));
            assertThat(crm.interactions().get(result.interactionId()).orElseThrow().deliveryStatus())
                    .contains(DeliveryStatus.QUEUED);

            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            assertThat(crm.messaging().dispatchPending()).as("not before the retry time").isZero();
            assertThat(greenMail.getReceivedMessages()).isEmpty();

            clock.set(queued.nextAttemptAt().plusSeconds(1));
            assertThat(crm.messaging().dispatchPending()).isEqualTo(1);

            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
            MimeMessage[] received = greenMail.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getSubject()).isEqualTo("发货通知");
            OutboxMessage sent = crm.messaging().get(result.messageId()).orElseThrow();
            assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
            assertThat(sent.providerMessageId()).contains(received[0].getMessageID());
            assertThat(received[0].getHeader("X-Idempotency-Key")).containsExactly(sent.message().idempotencyKey());
            assertThat(crm.interactions().get(result.interactionId()).orElseThrow().deliveryStatus())
                    .contains(DeliveryStatus.SENT);

            clock.advance(Duration.ofHours(1));
            assertThat(crm.messaging().dispatchPending()).isZero();
            assertThat(greenMail.getReceivedMessages()).as("sent exactly once").hasSize(1);
        }
    }
}
