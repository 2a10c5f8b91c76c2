package io.crmkit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.testkit.NoDelayServerSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP gateway for each test: a {@link MockWebServer} on loopback, started before each test and closed
 * after it, together with the channels the test {@linkplain #open(AutoCloseable) opened} (closed first).
 * Register it with {@code @RegisterExtension}.
 */
final class GatewayServer implements BeforeEachCallback, AfterEachCallback {
    private final @Nullable Dispatcher dispatcher;
    private final Closer opened = new Closer();
    private @Nullable MockWebServer server;

    /** A gateway that answers with the responses the test {@linkplain #enqueue(MockResponse) enqueues}. */
    GatewayServer() {
        this.dispatcher = null;
    }

    /** A gateway that answers every request with the dispatcher, over sockets without Nagle's delay. */
    GatewayServer(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** A 200 or other response with a JSON body. */
    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        MockWebServer started = new MockWebServer();
        if (dispatcher != null) {
            started.setDispatcher(dispatcher);
            started.setServerSocketFactory(new NoDelayServerSockets());
        }
        started.start(InetAddress.getLoopbackAddress(), 0);
        server = started;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            opened.close();
        } finally {
            server().close();
        }
    }

    /** Closes {@code closeable} (a channel, a client) after the test, before the server; returns it. */
    <T extends AutoCloseable> T open(T closeable) {
        return opened.open(closeable);
    }

    void enqueue(MockResponse response) {
        server().enqueue(response);
    }

    HttpUrl url(String path) {
        return server().url(path);
    }

    int getRequestCount() {
        return server().getRequestCount();
    }

    /** The next request the gateway received, waiting up to 5 seconds for it. */
    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server().takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("request received").isNotNull();
        return request;
    }

    /** A JSON-gateway SMS channel to {@code /v1/sms} with this bearer token, from CRMKIT. */
    HttpSmsChannel jsonSms(String bearerToken) {
        return HttpSmsChannel.jsonGateway().url(url("/v1/sms").toString()).bearerToken(bearerToken)
                .from("CRMKIT").build();
    }

    private MockWebServer server() {
        MockWebServer s = server;
        if (s == null) {
            throw new IllegalStateException("the gateway runs only during a test");
        }
        return s;
    }
}
