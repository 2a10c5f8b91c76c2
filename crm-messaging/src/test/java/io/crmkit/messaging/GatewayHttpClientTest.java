package io.crmkit.messaging;

import static io.crmkit.messaging.GatewayServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.crmkit.core.DeliveryException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP client under the SMS and voice channels: the host's {@link OkHttpClient} is really the one used
 * (its interceptors see every call) and its missing call timeout does not let a call run forever; channels
 * built without one share one connection pool, and closing one channel leaves the others' connections alone.
 */
class GatewayHttpClientTest {
    private static final String TOKEN = "tok-shared-1a2b3c";

    @RegisterExtension
    final GatewayServer server = new GatewayServer();

    private HttpSmsChannel.JsonBuilder sms() {
        return HttpSmsChannel.jsonGateway().url(server.url("/v1/sms").toString()).bearerToken(TOKEN);
    }

    private HttpVoiceChannel.JsonBuilder voice() {
        return HttpVoiceChannel.jsonGateway().url(server.url("/v1/calls").toString()).bearerToken(TOKEN);
    }

    private OkHttpClient shutDownAfter(OkHttpClient client) {
        AutoCloseable shutDown = () -> {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        };
        server.open(shutDown);
        return client;
    }

    @Test
    void sendsThroughTheHostsClientAndItsInterceptors() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        OkHttpClient host = shutDownAfter(new OkHttpClient.Builder().addInterceptor(chain -> {
            calls.incrementAndGet();
            return chain.proceed(chain.request().newBuilder().header("X-Host-Trace", "erp-" + calls.get()).build());
        }).build());
        HttpSmsChannel smsChannel = server.open(sms().okHttpClient(host).readTimeout(Duration.ofSeconds(5)).build());
        HttpVoiceChannel voiceChannel = server.open(voice().okHttpClient(host).build());
        server.enqueue(json(200, "{\"id\":\"m1\"}"));
        server.enqueue(json(200, "{\"id\":\"c1\"}"));

        assertThat(smsChannel.send(Messages.sms("k-sms", "+8613800138000", "hi")).providerMessageId()).isEqualTo("m1");
        assertThat(voiceChannel.send(Messages.script("k-call", "+8613800138000", "您好", null)).providerMessageId())
                .isEqualTo("c1");

        assertThat(calls).hasValue(2);
        RecordedRequest first = server.take();
        RecordedRequest second = server.take();
        assertThat(first.getHeaders().get("X-Host-Trace")).isEqualTo("erp-1");
        assertThat(first.getHeaders().get("Idempotency-Key")).isEqualTo("k-sms");
        assertThat(second.getHeaders().get("X-Host-Trace")).isEqualTo("erp-2");
        assertThat(second.getUrl().encodedPath()).isEqualTo("/v1/calls");
        assertThat(second.getConnectionIndex()).as("the host's connection pool").isEqualTo(first.getConnectionIndex());
    }

    @Test
    void aHostClientWithoutCallTimeoutStillCannotHangASend() {
        OkHttpClient host = shutDownAfter(new OkHttpClient.Builder().callTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO).build());
        assertThat(host.callTimeoutMillis()).isZero();
        HttpSmsChannel channel = server.open(sms().okHttpClient(host).callTimeout(Duration.ofMillis(500)).build());
        // the headers come at once, the body stalls: with no read timeout either, only a bound on the call ends it
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"late\"}")
                .onResponseBody(SocketEffect.Stall.INSTANCE).build());

        long start = System.nanoTime();
        DeliveryException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> catchThrowableOfType(
                DeliveryException.class, () -> channel.send(Messages.sms("k-slow", "+8613800138000", "hi"))));

        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(host.callTimeoutMillis()).as("the host's client is left as it was").isZero();
    }

    @Test
    void channelsWithoutAHostClientShareOneConnectionPool() throws Exception {
        HttpSmsChannel smsChannel = sms().readTimeout(Duration.ofSeconds(5)).build();
        HttpVoiceChannel voiceChannel = server.open(voice().build());
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(200, "{\"id\":\"r" + i + "\"}"));
        }

        smsChannel.send(Messages.sms("k-1", "+8613800138000", "hi"));
        voiceChannel.send(Messages.script("k-2", "+8613800138000", "您好", null));
        RecordedRequest bySms = server.take();
        RecordedRequest byVoice = server.take();
        assertThat(byVoice.getConnectionIndex()).as("the voice channel reused the SMS channel's connection")
                .isEqualTo(bySms.getConnectionIndex());
        assertThat(byVoice.getExchangeIndex()).isEqualTo(bySms.getExchangeIndex() + 1);

        smsChannel.close();
        assertThat(voiceChannel.send(Messages.script("k-3", "+8613800138000", "再见", null)).providerMessageId())
                .isEqualTo("r2");
        RecordedRequest afterClose = server.take();
        assertThat(afterClose.getConnectionIndex()).as("closing the SMS channel left the shared pool alone")
                .isEqualTo(bySms.getConnectionIndex());
    }
}
