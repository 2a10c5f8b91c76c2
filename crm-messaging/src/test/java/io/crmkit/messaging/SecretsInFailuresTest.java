package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.core.Crm;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessageResult;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.messaging.OutboxMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Passwords and tokens stay out of everything a failed send leaves behind, even when the server echoes
 * them back: the {@link DeliveryException} and every exception in its chain (causes, suppressed and next
 * exceptions: message, {@code toString()} and printed stack trace), the outbox's last error, and what
 * crmkit logs at any level while the failure is handled.
 */
class SecretsInFailuresTest {
    private static final String USER = "crm-mailer"; // not a multiple of 3 long, so no Base64 form hides in another
    private static final String PASSWORD = "s3cret-Pa55word";
    private static final String PASSWORD_BASE64 = Base64.getEncoder()
            .encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));

    @Nested
    class Smtp {
        private FakeSmtpServer server;

        @AfterEach
        void close() throws IOException {
            server.close();
        }

        private SmtpEmailChannel channel() throws IOException {
            // The reply quotes the AUTH PLAIN credentials the client sent, and the password in two forms.
            server = new FakeSmtpServer(Map.of("AUTH", "535 5.7.8 credentials {credentials} (" + PASSWORD_BASE64
                    + ") rejected: password " + PASSWORD + " is wrong"), false);
            return SmtpEmailChannel.builder().host("127.0.0.1").port(server.port())
                    .security(SmtpEmailChannel.Security.NONE).localHostName("client.test")
                    .credentials(USER, PASSWORD).from("crm@example.com").build();
        }

        /** The Base64 AUTH PLAIN credentials the channel sent, which the server quoted back. */
        private String sentCredentials() {
            assertThat(server.plainCredentials).singleElement().asString().endsWith(USER + "\0" + PASSWORD);
            return Base64.getEncoder().encodeToString(server.plainCredentials.get(0).getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void aRejectionThatEchoesThePasswordLeavesItOutOfTheExceptionChainAndTheLogs() throws IOException {
            try (SmtpEmailChannel channel = channel(); CapturedLogs.Capture logs = CapturedLogs.capture()) {
                DeliveryException e = catchThrowableOfType(DeliveryException.class,
                        () -> channel.send(Messages.email("k-echo", "a@example.com", "s", "t")));

                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).contains("535", "credentials");
                assertThat(e.getCause()).as("the server's failure is kept, cleaned").isNotNull();
                String plain = sentCredentials();
                Secrets.assertNowhereIn(e, PASSWORD, plain, PASSWORD_BASE64);
                assertThat(logs.text()).doesNotContain(PASSWORD, plain, PASSWORD_BASE64);
            }
        }

        @Test
        void throughTheOutboxThePasswordIsNeitherInTheLastErrorNorInTheLogs() throws IOException {
            try (CapturedLogs.Capture logs = CapturedLogs.capture();
                 Crm crm = Crm.builder().storage(InMemoryStorage.create()).messaging(MessagingSettings.builder().channel(channel()).build()).build()) {
                Customer customer = crm.customers().create(NewCustomer.person("张三").email("zhangsan@example.com"));
                MessageResult result = crm.messaging().send(MessageRequest.email(customer.id()).subject("s").text("t"));

                crm.messaging().dispatchPending();

                OutboxMessage failed = crm.messaging().get(result.messageId()).orElseThrow();
                assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
                String plain = sentCredentials();
                assertThat(failed.lastError()).hasValueSatisfying(error -> assertThat(error).contains("535")
                        .doesNotContain(PASSWORD, plain, PASSWORD_BASE64));
                assertThat(logs.events()).as("the failure was logged").isPositive();
                assertThat(logs.text()).contains("535").doesNotContain(PASSWORD, plain, PASSWORD_BASE64);
            }
        }
    }

    @Nested
    class Http {
        private static final String TOKEN = "tok_9f8e7d6c5b4a";
        private static final String AUTH_TOKEN = "twilio-auth-0123456789abcdef";
        private final MockWebServer server = new MockWebServer();

        @AfterEach
        void close() {
            server.close();
        }

        private void start(int code, String body) throws IOException {
            server.enqueue(new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                    .body(body).build());
            server.start(InetAddress.getLoopbackAddress(), 0);
        }

        @Test
        void aJsonGatewayEchoingTheTokenLeavesItOutOfTheExceptionChainAndTheLogs() throws IOException {
            start(401, "{\"error\":\"bad token\",\"got\":\"Bearer " + TOKEN + "\",\"token\":\"" + TOKEN + "\"}");
            try (HttpSmsChannel channel = HttpSmsChannel.jsonGateway().url(server.url("/v1/sms").toString())
                    .bearerToken(TOKEN).build(); CapturedLogs.Capture logs = CapturedLogs.capture()) {
                DeliveryException e = catchThrowableOfType(DeliveryException.class,
                        () -> channel.send(Messages.sms("k", "+8613800138000", "hi")));

                assertThat(e.isRetryable()).isFalse();
                assertThat(e.getMessage()).contains("401", "bad token");
                Secrets.assertNowhereIn(e, TOKEN);
                assertThat(logs.text()).doesNotContain(TOKEN);
            }
        }

        @Test
        void anIoFailureNamingTheTokenIsKeptOnlyAsACleanedCause() throws IOException {
            server.start(InetAddress.getLoopbackAddress(), 0);
            okhttp3.OkHttpClient failing = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
                IOException io = new IOException("connection reset while sending Bearer " + TOKEN);
                io.addSuppressed(new IllegalStateException("token=" + TOKEN));
                throw io;
            }).build();
            try (HttpSmsChannel channel = HttpSmsChannel.jsonGateway().url(server.url("/v1/sms").toString())
                    .bearerToken(TOKEN).okHttpClient(failing).build(); CapturedLogs.Capture logs = CapturedLogs.capture()) {
                DeliveryException e = catchThrowableOfType(DeliveryException.class,
                        () -> channel.send(Messages.sms("k", "+8613800138000", "hi")));

                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getCause()).as("the I/O failure is kept, cleaned").isNotNull()
                        .hasMessageContaining("connection reset");
                assertThat(e.getCause().getSuppressed()).hasSize(1);
                Secrets.assertNowhereIn(e, TOKEN);
                assertThat(logs.text()).doesNotContain(TOKEN);
            } finally {
                failing.dispatcher().executorService().shutdown();
            }
        }

        @Test
        void twilioEchoingTheBasicCredentialsLeavesThemOutOfTheExceptionChainTheOutboxAndTheLogs() throws IOException {
            String basic = Base64.getEncoder().encodeToString(("AC123:" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
            start(503, "{\"message\":\"overloaded\",\"auth\":\"Basic " + basic + "\",\"token\":\"" + AUTH_TOKEN + "\"}");
            try (CapturedLogs.Capture logs = CapturedLogs.capture();
                 Crm crm = Crm.builder().storage(InMemoryStorage.create()).messaging(MessagingSettings.builder().channel(HttpSmsChannel.twilio()
                         .baseUrl(server.url("/").toString()).accountSid("AC123").authToken(AUTH_TOKEN)
                         .from("+15005550006").build()).build()).build()) {
                Customer customer = crm.customers().create(NewCustomer.person("张三").phone("13800138000"));
                MessageResult result = crm.messaging().send(MessageRequest.sms(customer.id()).text("您好"));

                crm.messaging().dispatchPending();

                OutboxMessage queued = crm.messaging().get(result.messageId()).orElseThrow();
                assertThat(queued.status()).as("503 is retried").isEqualTo(DeliveryStatus.QUEUED);
                assertThat(queued.lastError()).hasValueSatisfying(error -> assertThat(error).contains("503", "overloaded")
                        .doesNotContain(AUTH_TOKEN, basic));
                assertThat(logs.events()).as("the failure was logged").isPositive();
                assertThat(logs.text()).contains("503").doesNotContain(AUTH_TOKEN, basic);
            }
        }
    }
}
