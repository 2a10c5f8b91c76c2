package io.crmkit.messaging;

import static io.crmkit.messaging.GatewayServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.crmkit.core.DeliveryException;
import io.crmkit.core.ValidationException;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.OutboundMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpSmsChannelTest {
    private static final String TOKEN = "tok_9f8e7d6c5b4a";
    private static final String AUTH_TOKEN = "twilio-auth-0123456789abcdef";
    private static final String TEXT = "【示例】张三您好，您的验证码是 1024 🎉 \"quoted\" \\ back";

    @RegisterExtension
    final GatewayServer server = new GatewayServer();

    @Nested
    class JsonGateway {
        private HttpSmsChannel.JsonBuilder builder() {
            return HttpSmsChannel.jsonGateway().url(server.url("/v1/sms?appId=demo").toString()).bearerToken(TOKEN);
        }

        @Test
        void postsTheMessageAsJsonWithAuthAndIdempotencyKeyAndReadsTheId() throws Exception {
            HttpSmsChannel channel = server.open(builder().from("CRMKIT").statusCallback("https://crm.example.com/sms/status")
                    .build());
            server.enqueue(json(200, "{\"status\":\"queued\",\"meta\":{\"id\":\"wrong\"},\"id\":\"msg-42\"}"));

            String id = channel.send(Messages.sms("key-1", "+8613800138000", TEXT)).providerMessageId();

            assertThat(id).isEqualTo("msg-42");
            RecordedRequest request = server.take();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/sms");
            assertThat(request.getUrl().queryParameter("appId")).isEqualTo("demo");
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo("key-1");
            assertThat(request.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"from\":\"CRMKIT\","
                    + "\"to\":\"+8613800138000\",\"text\":\"【示例】张三您好，您的验证码是 1024 🎉 \\\"quoted\\\" \\\\ back\","
                    + "\"statusCallback\":\"https://crm.example.com/sms/status\",\"idempotencyKey\":\"key-1\"}");
        }

        @Test
        void usesConfiguredFieldNamesHeadersAndFixedFields() throws Exception {
            HttpSmsChannel channel = server.open(HttpSmsChannel.jsonGateway().url(server.url("/send").toString())
                    .authHeader("X-Api-Key", TOKEN).header("X-Tenant", "shop-1").field("sign", "示例商城")
                    .from("1069").fromField("sender").toField("mobile").textField("content")
                    .idempotencyKeyField("requestId").idempotencyKeyHeader("X-Request-Id").messageIdField("bizId")
                    .build());
            server.enqueue(json(200, "{\"code\":0,\"bizId\":9007199254740993}"));

            String id = channel.send(Messages.sms("key-2", "+8613800138000", "hi")).providerMessageId();

            assertThat(id).isEqualTo("9007199254740993");
            RecordedRequest request = server.take();
            assertThat(request.getHeaders().get("X-Api-Key")).isEqualTo(TOKEN);
            assertThat(request.getHeaders().get("X-Tenant")).isEqualTo("shop-1");
            assertThat(request.getHeaders().get("X-Request-Id")).isEqualTo("key-2");
            assertThat(request.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"sign\":\"示例商城\","
                    + "\"sender\":\"1069\",\"mobile\":\"+8613800138000\",\"content\":\"hi\",\"requestId\":\"key-2\"}");
        }

        @Test
        void anAcceptedMessageWithoutAnIdReportsTheIdempotencyKey() {
            HttpSmsChannel channel = server.open(builder().build());
            server.enqueue(json(202, "accepted"));

            assertThat(channel.send(Messages.sms("key-3", "+8613800138000", "hi")).providerMessageId())
                    .isEqualTo("key-3");
        }

        @Test
        void sendsTheSameIdempotencyKeyOnEveryAttempt() throws Exception {
            HttpSmsChannel channel = server.open(builder().build());
            server.enqueue(json(500, "{\"error\":\"internal\"}"));
            server.enqueue(json(200, "{\"id\":\"msg-7\"}"));
            OutboundMessage message = Messages.sms("key-retry", "+8613800138000", "hi");

            DeliveryException first = catchThrowableOfType(DeliveryException.class, () -> channel.send(message));
            assertThat(first.isRetryable()).isTrue();
            assertThat(channel.send(message).providerMessageId()).isEqualTo("msg-7");

            RecordedRequest attempt1 = server.take();
            RecordedRequest attempt2 = server.take();
            assertThat(attempt1.getHeaders().get("Idempotency-Key")).isEqualTo("key-retry")
                    .isEqualTo(attempt2.getHeaders().get("Idempotency-Key"));
            assertThat(attempt1.getBody()).isEqualTo(attempt2.getBody());
        }

        @Test
        void secretsNeverShowInToStringOrErrors() {
            HttpSmsChannel channel = server.open(builder().build());
            server.enqueue(json(401, "{\"error\":\"bad token\",\"got\":\"Bearer " + TOKEN + "\"}"));

            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.sms("k", "+8613800138000", "hi")));

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("401", "bad token").doesNotContain(TOKEN).doesNotContain("appId");
            assertThat(channel.toString()).contains("/v1/sms").doesNotContain(TOKEN).doesNotContain("appId");
        }

        @Test
        void refusesContentOfAnotherKind() {
            HttpSmsChannel channel = server.open(builder().build());
            assertThat(channel.kind()).isEqualTo(ChannelKind.SMS);

            assertThat(catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.email("k", "a@example.com", "s", "t"))).isRetryable()).isFalse();
            assertThat(server.getRequestCount()).isZero();
        }
    }

    @Nested
    class Twilio {
        private HttpSmsChannel.TwilioBuilder builder() {
            return HttpSmsChannel.twilio().baseUrl(server.url("/").toString()).accountSid("AC123")
                    .authToken(AUTH_TOKEN).from("+15005550006");
        }

        @Test
        void postsAFormToTheMessagesResourceWithBasicAuthAndReadsTheSid() throws Exception {
            HttpSmsChannel channel = server.open(builder().statusCallback("https://crm.example.com/twilio/status").build());
            server.enqueue(json(201, "{\"sid\":\"SM0123456789\",\"status\":\"queued\",\"to\":\"+8613800138000\"}"));

            String id = channel.send(Messages.sms("key-t1", "+8613800138000", TEXT)).providerMessageId();

            assertThat(id).isEqualTo("SM0123456789");
            RecordedRequest request = server.take();
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getUrl().encodedPath()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString(("AC123:" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
            assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
            assertThat(request.getHeaders().get("I-Twilio-Idempotency-Token")).isEqualTo("key-t1");
            assertThat(Forms.decode(request.getBody().string(StandardCharsets.UTF_8))).containsExactlyEntriesOf(
                    linked("To", "+8613800138000", "From", "+15005550006", "Body", TEXT,
                            "StatusCallback", "https://crm.example.com/twilio/status"));
        }

        @Test
        void canSendThroughAMessagingService() throws Exception {
            HttpSmsChannel channel = server.open(HttpSmsChannel.twilio().baseUrl(server.url("/").toString())
                    .accountSid("AC123").authToken(AUTH_TOKEN).messagingServiceSid("MG999").build());
            server.enqueue(json(201, "{\"sid\":\"SM1\"}"));

            channel.send(Messages.sms("k", "+8613800138000", "hi"));

            assertThat(Forms.decode(server.take().getBody().string(StandardCharsets.UTF_8)))
                    .containsEntry("MessagingServiceSid", "MG999").doesNotContainKey("From");
        }

        @Test
        void aBadRequestIsPermanentAndQuotesTheProviderButNotTheToken() {
            HttpSmsChannel channel = server.open(builder().build());
            server.enqueue(json(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\","
                    + "\"status\":400,\"auth\":\"" + AUTH_TOKEN + "\"}"));

            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.sms("k", "+1", "hi")));

            assertThat(e.isRetryable()).isFalse();
            assertThat(e.retryAfter()).isEmpty();
            assertThat(e.getMessage()).contains("400", "21211").doesNotContain(AUTH_TOKEN);
            assertThat(channel.toString()).contains("AC123").doesNotContain(AUTH_TOKEN);
        }

        @Test
        void tooManyRequestsIsRetryableAfterTheRequestedSeconds() {
            HttpSmsChannel channel = server.open(builder().build());
            server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30")
                    .body("{\"code\":20429,\"message\":\"Too Many Requests\"}").build());

            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.sms("k", "+8613800138000", "hi")));

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
            assertThat(e.getMessage()).contains("429");
        }

        @Test
        void retryAfterAsAnHttpDateIsMeasuredFromTheClock() {
            Instant now = Instant.parse("2024-05-01T08:00:00Z");
            HttpSmsChannel channel = server.open(builder().clock(Clock.fixed(now, ZoneOffset.UTC)).build());
            server.enqueue(new MockResponse.Builder().code(503)
                    .addHeader("Retry-After", "Wed, 01 May 2024 08:02:30 GMT").build());

            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.sms("k", "+8613800138000", "hi")));

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(150));
        }

        @Test
        void aServerErrorIsRetryableWithoutAWait() {
            HttpSmsChannel channel = server.open(builder().build());
            server.enqueue(json(500, "{}"));

            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.sms("k", "+8613800138000", "hi")));

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.retryAfter()).isEmpty();
        }
    }

    @Nested
    class Connections {
        private HttpSmsChannel.JsonBuilder builder() {
            return HttpSmsChannel.jsonGateway().url(server.url("/sms").toString()).bearerToken(TOKEN);
        }

        @Test
        void aSlowServerTimesOutAsRetryable() {
            HttpSmsChannel channel = server.open(builder().readTimeout(Duration.ofMillis(300)).build());
            server.enqueue(new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).body("{\"id\":\"late\"}").build());

            long start = System.nanoTime();
            DeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(8), () -> catchThrowableOfType(
                    DeliveryException.class, () -> channel.send(Messages.sms("k", "+8613800138000", "hi"))));

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }

        @Test
        void theCallTimeoutBoundsTheWholeCall() {
            HttpSmsChannel channel = server.open(builder().callTimeout(Duration.ofMillis(300)).build());
            server.enqueue(new MockResponse.Builder().bodyDelay(10, TimeUnit.SECONDS).body("{\"id\":\"late\"}").build());

            DeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(8), () -> catchThrowableOfType(
                    DeliveryException.class, () -> channel.send(Messages.sms("k", "+8613800138000", "hi"))));

            assertThat(e.isRetryable()).isTrue();
        }

        @Test
        void aRefusedConnectionIsRetryable() throws IOException {
            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            HttpSmsChannel channel = server.open(HttpSmsChannel.jsonGateway()
                    .url("http://127.0.0.1:" + closedPort + "/sms").bearerToken(TOKEN).build());

            DeliveryException e = catchThrowableOfType(DeliveryException.class,
                    () -> channel.send(Messages.sms("k", "+8613800138000", "hi")));

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("unreachable").doesNotContain(TOKEN);
        }

        @Test
        void reusesOneConnectionAcrossSends() throws Exception {
            HttpSmsChannel channel = server.open(builder().build());
            for (int i = 0; i < 3; i++) {
                server.enqueue(json(200, "{\"id\":\"m" + i + "\"}"));
            }
            for (int i = 0; i < 3; i++) {
                channel.send(Messages.sms("k" + i, "+8613800138000", "hi"));
            }
            assertThat(server.take().getConnectionIndex()).isZero();
            assertThat(server.take().getConnectionIndex()).isZero();
            assertThat(server.take().getConnectionIndex()).isZero();
        }

        @Test
        void usesButNeverClosesTheHostsClient() throws Exception {
            OkHttpClient hostClient = new OkHttpClient();
            HttpSmsChannel channel = builder().okHttpClient(hostClient).build();
            server.enqueue(json(200, "{\"id\":\"m1\"}"));
            server.enqueue(json(200, "host still works"));

            channel.send(Messages.sms("k", "+8613800138000", "hi"));
            channel.close();

            try (Response response = hostClient.newCall(new Request.Builder().url(server.url("/other")).build())
                    .execute()) {
                assertThat(response.body().string()).isEqualTo("host still works");
            }
            hostClient.dispatcher().executorService().shutdown();
            hostClient.connectionPool().evictAll();
        }

        @Test
        void afterCloseSendingIsAnError() {
            HttpSmsChannel channel = builder().build();
            channel.close();
            channel.close();

            assertThatThrownBy(() -> channel.send(Messages.sms("k", "+8613800138000", "hi")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Validation {
        private ValidationException invalid(Runnable build) {
            return catchThrowableOfType(ValidationException.class, build::run);
        }

        @Test
        void aJsonGatewayNeedsAnHttpUrl() {
            assertThat(invalid(() -> HttpSmsChannel.jsonGateway().build()).hasViolation("url")).isTrue();
            assertThat(invalid(() -> HttpSmsChannel.jsonGateway().url("ftp://example.com/sms").build())
                    .hasViolation("url")).isTrue();
            assertThat(invalid(() -> HttpSmsChannel.jsonGateway().url("not a url").build())
                    .hasViolation("url")).isTrue();
        }

        @Test
        void fieldNamesMustDiffer() {
            ValidationException e = invalid(() -> HttpSmsChannel.jsonGateway().url("https://sms.example.com")
                    .toField("x").textField("x").build());
            assertThat(e.hasViolation("textField")).isTrue();
        }

        @Test
        void timeoutsMustBePositive() {
            ValidationException e = invalid(() -> HttpSmsChannel.jsonGateway().url("https://sms.example.com")
                    .connectTimeout(Duration.ZERO).readTimeout(Duration.ofSeconds(-1)).writeTimeout(Duration.ZERO)
                    .callTimeout(Duration.ofMillis(-1)).build());
            assertThat(e.violations()).extracting(ValidationException.Violation::field)
                    .containsExactlyInAnyOrder("connectTimeout", "readTimeout", "writeTimeout", "callTimeout");
        }

        @Test
        void twilioNeedsAccountTokenAndSenderAndNeverEchoesTheToken() {
            ValidationException e = invalid(() -> HttpSmsChannel.twilio().build());
            assertThat(e.violations()).extracting(ValidationException.Violation::field)
                    .containsExactlyInAnyOrder("accountSid", "authToken", "from");
            ValidationException bad = invalid(() -> HttpSmsChannel.twilio().accountSid("AC 1/..")
                    .authToken(AUTH_TOKEN).from("+1").baseUrl("nope").build());
            assertThat(bad.violations()).extracting(ValidationException.Violation::field)
                    .containsExactlyInAnyOrder("accountSid", "baseUrl");
            assertThat(bad.getMessage()).doesNotContain(AUTH_TOKEN);
        }
    }

    static Map<String, String> linked(String... keysAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
