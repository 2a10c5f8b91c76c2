package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboxMessage;
import io.crmkit.core.messaging.RetryPolicy;
import io.crmkit.jdbc.JdbcStorage;
import io.crmkit.testkit.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on real storage and real transports: a CRM on embedded H2 sends email over SMTP to
 * GreenMail and SMS over HTTP to MockWebServer, and the timeline shows what happened.
 */
class MessagingEndToEndTest {
    private static final String TOKEN = "tok-e2e-5f4e3d2c";
    private static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofSeconds(10), Duration.ofMinutes(1));

    @TempDir
    Path dir;

    private GreenMail greenMail;
    private MockWebServer server;
    private final TestClock clock = TestClock.create();
    private Crm crm;
    private Customer customer;

    @BeforeEach
    void start() throws IOException {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        server = new MockWebServer();
        server.start(InetAddress.getLoopbackAddress(), 0);
        SmtpEmailChannel email = SmtpEmailChannel.builder().host("127.0.0.1").port(greenMail.getSmtp().getPort())
                .security(SmtpEmailChannel.Security.NONE).localHostName("crm.test")
                .from("service@shop.example", "示例商城客服").build();
        HttpSmsChannel sms = HttpSmsChannel.jsonGateway().url(server.url("/v1/sms").toString()).bearerToken(TOKEN)
                .from("SHOP").build();
        crm = Crm.builder().storage(JdbcStorage.embedded(dir)).clock(clock).messaging(MessagingSettings.builder().channel(email).channel(sms)
                .retryPolicy(RETRY).build()).build();
        customer = crm.customers().create(NewCustomer.person("张三").email("zhang.san@example.com").phone("13800138000"));
    }

    @AfterEach
    void stop() {
        if (crm != null) {
            crm.close();
        }
        server.close();
        greenMail.stop();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("the gateway received a request").isNotNull();
        return request;
    }

    private Interaction interaction(MessageResult result) {
        return crm.interactions().get(result.interactionId()).orElseThrow();
    }

    private OutboxMessage message(MessageId id) {
        return crm.messaging().get(id).orElseThrow();
    }

    @Test
    void emailAndSmsAreSentAndTheTimelineShowsThemSentWithProviderIds() throws Exception {
        server.enqueue(json(200, "{\"id\":\"sms-0001\",\"status\":\"queued\"}"));
        String subject = "您的订单 #1024 已发货 🚚";
        MessageResult email = crm.messaging().send(MessageRequest.email(customer.id()).subject(subject)
                .text("张三您好，您的订单已发货。").html("<p>张三您好，您的订单<b>已发货</b>。</p>"));
        MessageResult sms = crm.messaging().send(MessageRequest.sms(customer.id()).text("【示例商城】您的订单已发货"));
        assertThat(email.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(sms.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(server.getRequestCount()).isZero();

        assertThat(crm.messaging().dispatchPending()).isEqualTo(2);

        MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails[0];
        assertThat(mail.getSubject()).isEqualTo(subject);
        assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
                .containsExactly("zhang.san@example.com");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("示例商城客服");
        assertThat(GreenMailUtil.getBody(mail)).isNotBlank();

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/sms");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        String body = request.getBody().string(StandardCharsets.UTF_8);
        assertThat(body).contains("\"to\":\"+8613800138000\"", "\"text\":\"【示例商城】您的订单已发货\"",
                "\"from\":\"SHOP\"");
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(message(sms.messageId()).message().idempotencyKey());

        Interaction emailEntry = interaction(email);
        assertThat(emailEntry.channel()).isEqualTo(InteractionChannel.EMAIL);
        assertThat(emailEntry.subject()).contains(subject);
        assertThat(emailEntry.deliveryStatus()).contains(DeliveryStatus.SENT);
        assertThat(emailEntry.providerMessageId()).contains(mail.getMessageID());
        Interaction smsEntry = interaction(sms);
        assertThat(smsEntry.channel()).isEqualTo(InteractionChannel.SMS);
        assertThat(smsEntry.deliveryStatus()).contains(DeliveryStatus.SENT);
        assertThat(smsEntry.providerMessageId()).contains("sms-0001");
        assertThat(Outbox.timeline(crm, customer.id())).extracting(Interaction::id)
                .containsExactlyInAnyOrder(emailEntry.id(), smsEntry.id());
        assertThat(message(email.messageId()).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(message(sms.messageId()).providerMessageId()).contains("sms-0001");
    }

    @Test
    void aServerErrorIsRetriedLaterWithTheSameIdempotencyKey() throws Exception {
        server.enqueue(json(500, "{\"error\":\"internal\"}"));
        server.enqueue(json(200, "{\"id\":\"sms-0002\"}"));
        MessageResult sms = crm.messaging().send(MessageRequest.sms(customer.id()).text("验证码 4711"));

        assertThat(crm.messaging().dispatchPending()).isEqualTo(1);
        RecordedRequest first = take();
        OutboxMessage afterFailure = message(sms.messageId());
        assertThat(afterFailure.status()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(afterFailure.attempts()).isEqualTo(1);
        assertThat(afterFailure.lastError()).hasValueSatisfying(e -> assertThat(e).contains("500"));
        assertThat(afterFailure.nextAttemptAt()).isAfter(clock.instant());
        assertThat(interaction(sms).deliveryStatus()).contains(DeliveryStatus.QUEUED);

        assertThat(crm.messaging().dispatchPending()).as("not retried before the backoff").isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);

        clock.advance(RETRY.maxDelay());
        assertThat(crm.messaging().dispatchPending()).isEqualTo(1);
        RecordedRequest second = take();
        String key = afterFailure.message().idempotencyKey();
        assertThat(first.getHeaders().get("Idempotency-Key")).isEqualTo(key);
        assertThat(second.getHeaders().get("Idempotency-Key")).isEqualTo(key);
        assertThat(second.getBody().string(StandardCharsets.UTF_8)).contains("\"idempotencyKey\":\"" + key + "\"");

        OutboxMessage sent = message(sms.messageId());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.providerMessageId()).contains("sms-0002");
        assertThat(interaction(sms).deliveryStatus()).contains(DeliveryStatus.SENT);
        assertThat(interaction(sms).providerMessageId()).contains("sms-0002");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aClientErrorFailsTheMessageWithoutRetrying() throws Exception {
        server.enqueue(json(400, "{\"error\":\"invalid destination number\"}"));
        server.enqueue(json(200, "{\"id\":\"never\"}"));
        MessageResult sms = crm.messaging().send(MessageRequest.sms(customer.id()).text("您好"));

        assertThat(crm.messaging().dispatchPending()).isEqualTo(1);
        take();
        OutboxMessage failed = message(sms.messageId());
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("400").doesNotContain(TOKEN));
        assertThat(interaction(sms).deliveryStatus()).contains(DeliveryStatus.FAILED);

        clock.advance(Duration.ofHours(1));
        assertThat(crm.messaging().dispatchPending()).isZero();
        assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
        assertThat(message(sms.messageId()).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(Outbox.withStatus(crm, DeliveryStatus.FAILED)).extracting(OutboxMessage::id)
                .containsExactly(sms.messageId());
        assertThat(crm.messaging().dead(io.crmkit.core.PageRequest.first(10)).items()).isEmpty();
    }
}
