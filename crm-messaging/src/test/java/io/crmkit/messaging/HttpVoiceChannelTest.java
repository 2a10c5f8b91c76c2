package io.crmkit.messaging;

import static io.crmkit.messaging.GatewayServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.core.DeliveryException;
import io.crmkit.core.ValidationException;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpVoiceChannelTest {
    private static final String TOKEN = "voice-key-5f4e3d2c1b";
    private static final String AUTH_TOKEN = "twilio-auth-fedcba9876543210";

    @RegisterExtension
    final GatewayServer server = new GatewayServer();

    private HttpVoiceChannel.TwilioBuilder twilio() {
        return HttpVoiceChannel.twilio().baseUrl(server.url("/").toString()).accountSid("AC123")
                .authToken(AUTH_TOKEN).from("+15005550006");
    }

    @Test
    void messagesOfAnotherKindAreRefusedPermanentlyWithoutARequest() {
        HttpVoiceChannel voice = server.open(twilio().build());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> voice.send(Messages.sms("key-x", "+8613800138000", "hi")))
                .isInstanceOfSatisfying(io.crmkit.core.DeliveryException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("VOICE").contains("not SMS");
                });
        assertThat(server.getRequestCount()).isZero();
        voice.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> voice.send(Messages.script("k", "+8613800138000", "x", null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twilioSpeaksAScriptInChineseThroughInlineTwiml() throws Exception {
        HttpVoiceChannel channel = server.open(twilio().build());
        server.enqueue(json(201, "{\"sid\":\"CA0123\",\"status\":\"queued\"}"));

        String id = channel.send(Messages.script("key-v1", "+8613800138000", "您好，张三。您的订单 <1024> & 发票已寄出。",
                "https://crm.example.com/voice/status")).providerMessageId();

        assertThat(id).isEqualTo("CA0123");
        RecordedRequest request = server.take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/2010-04-01/Accounts/AC123/Calls.json");
        assertThat(request.getHeaders().get("Authorization")).startsWith("Basic ");
        assertThat(request.getHeaders().get("I-Twilio-Idempotency-Token")).isEqualTo("key-v1");
        assertThat(Forms.decode(request.getBody().string(StandardCharsets.UTF_8))).containsExactlyEntriesOf(
                HttpSmsChannelTest.linked("To", "+8613800138000", "From", "+15005550006",
                        "Twiml", "<Response><Say language=\"zh-CN\">您好，张三。您的订单 &lt;1024&gt; &amp; 发票已寄出。</Say></Response>",
                        "StatusCallback", "https://crm.example.com/voice/status"));
    }

    @Test
    void twilioPlaysAnAudioFileWithTheConfiguredVoiceDefaults() throws Exception {
        HttpVoiceChannel channel = server.open(twilio().language("en-US").voice("Polly.Joanna")
                .statusCallback("https://crm.example.com/default").build());
        server.enqueue(json(201, "{\"sid\":\"CA1\"}"));
        server.enqueue(json(201, "{\"sid\":\"CA2\"}"));

        channel.send(Messages.audio("k1", "+8613800138000", "https://cdn.example.com/a.mp3?x=1&y=2", null));
        channel.send(Messages.script("k2", "+8613800138000", "Hello", null));

        assertThat(Forms.decode(server.take().getBody().string(StandardCharsets.UTF_8)))
                .containsEntry("Twiml", "<Response><Play>https://cdn.example.com/a.mp3?x=1&amp;y=2</Play></Response>")
                .containsEntry("StatusCallback", "https://crm.example.com/default");
        assertThat(Forms.decode(server.take().getBody().string(StandardCharsets.UTF_8)))
                .containsEntry("Twiml", "<Response><Say language=\"en-US\" voice=\"Polly.Joanna\">Hello</Say></Response>");
    }

    @Test
    void aJsonGatewayGetsTheScriptOrAudioInTheirFields() throws Exception {
        HttpVoiceChannel channel = server.open(HttpVoiceChannel.jsonGateway().url(server.url("/calls").toString())
                .authHeader("X-Api-Key", TOKEN).from("+861012345678").scriptField("tts").audioUrlField("media")
                .statusCallbackField("notifyUrl").messageIdField("callId").build());
        server.enqueue(json(200, "{\"callId\":\"c-1\"}"));
        server.enqueue(json(200, "{\"callId\":\"c-2\"}"));

        assertThat(channel.send(Messages.script("k1", "+8613800138000", "您好", "https://crm.example.com/cb"))
                .providerMessageId()).isEqualTo("c-1");
        assertThat(channel.send(Messages.audio("k2", "+8613800138000", "https://cdn.example.com/a.mp3", null))
                .providerMessageId()).isEqualTo("c-2");

        RecordedRequest first = server.take();
        assertThat(first.getHeaders().get("X-Api-Key")).isEqualTo(TOKEN);
        assertThat(first.getHeaders().get("Idempotency-Key")).isEqualTo("k1");
        assertThat(first.getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"from\":\"+861012345678\","
                + "\"to\":\"+8613800138000\",\"tts\":\"您好\",\"notifyUrl\":\"https://crm.example.com/cb\","
                + "\"idempotencyKey\":\"k1\"}");
        assertThat(server.take().getBody().string(StandardCharsets.UTF_8)).isEqualTo("{\"from\":\"+861012345678\","
                + "\"to\":\"+8613800138000\",\"media\":\"https://cdn.example.com/a.mp3\",\"idempotencyKey\":\"k2\"}");
    }

    @Test
    void gatewayFailuresAreClassifiedAndKeepTheSameKey() throws Exception {
        HttpVoiceChannel channel = server.open(twilio().build());
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "5").build());
        server.enqueue(json(404, "{\"code\":20404,\"message\":\"not found\"}"));
        OutboundMessage message = Messages.script("key-same", "+8613800138000", "您好", null);

        DeliveryException unavailable = catchThrowableOfType(DeliveryException.class, () -> channel.send(message));
        DeliveryException notFound = catchThrowableOfType(DeliveryException.class, () -> channel.send(message));

        assertThat(unavailable.isRetryable()).isTrue();
        assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(5));
        assertThat(notFound.isRetryable()).isFalse();
        assertThat(notFound.getMessage()).doesNotContain(AUTH_TOKEN);
        assertThat(server.take().getHeaders().get("I-Twilio-Idempotency-Token")).isEqualTo("key-same");
        assertThat(server.take().getHeaders().get("I-Twilio-Idempotency-Token")).isEqualTo("key-same");
    }

    @Test
    void refusesContentOfAnotherKindAndHidesSecrets() {
        HttpVoiceChannel channel = server.open(twilio().build());
        assertThat(channel.kind()).isEqualTo(ChannelKind.VOICE);
        assertThat(channel.toString()).contains("AC123").doesNotContain(AUTH_TOKEN);

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> channel.send(Messages.sms("k", "+8613800138000", "hi")));

        assertThat(e.isRetryable()).isFalse();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void buildersFailFastNamingTheField() {
        ValidationException twilio = catchThrowableOfType(ValidationException.class,
                () -> HttpVoiceChannel.twilio().accountSid("AC1").authToken(AUTH_TOKEN).language("中文").build());
        assertThat(twilio.violations()).extracting(ValidationException.Violation::field)
                .containsExactlyInAnyOrder("from", "language");
        ValidationException json = catchThrowableOfType(ValidationException.class,
                () -> HttpVoiceChannel.jsonGateway().scriptField("to").statusCallback("nope").build());
        assertThat(json.violations()).extracting(ValidationException.Violation::field)
                .contains("url", "statusCallback", "scriptField");
    }
}
