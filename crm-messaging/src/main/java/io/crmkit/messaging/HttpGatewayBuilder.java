package io.crmkit.messaging;

import io.crmkit.core.Checks;
import io.crmkit.messaging.internal.HttpGateway;
import io.crmkit.messaging.internal.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP settings every gateway builder shares: timeouts and the host's {@link OkHttpClient}.
 *
 * <p>Timeouts default to {@value #DEFAULT_CONNECT_SECONDS}s to connect, {@value #DEFAULT_READ_SECONDS}s
 * to read, {@value #DEFAULT_WRITE_SECONDS}s to write and {@value #DEFAULT_CALL_SECONDS}s for the whole
 * call; zero or negative durations are rejected by {@code build()}, so a send never waits forever.
 *
 * <p>Channels built without a host client share one connection pool and dispatcher, as OkHttp advises
 * (one client per application), each with its own timeouts; so SMS and voice channels to the same gateway
 * host reuse each other's connections, and closing one channel leaves the others' connections alone. With
 * {@link #okHttpClient(OkHttpClient)} a channel instead shares the host's connection pool and dispatcher,
 * keeps the host's timeouts except those set here (and adds the default call timeout when the host's
 * client has none), and never shuts the host's client down.
 *
 * @param <B> the concrete builder
 */
public abstract class HttpGatewayBuilder<B extends HttpGatewayBuilder<B>> {
    /** Default connect timeout in seconds. */
    public static final int DEFAULT_CONNECT_SECONDS = 10;
    /** Default read timeout in seconds. */
    public static final int DEFAULT_READ_SECONDS = 30;
    /** Default write timeout in seconds. */
    public static final int DEFAULT_WRITE_SECONDS = 30;
    /** Default timeout of a whole call in seconds. */
    public static final int DEFAULT_CALL_SECONDS = 60;

    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private @Nullable Duration writeTimeout;
    private @Nullable Duration callTimeout;
    private @Nullable OkHttpClient hostClient;
    private Clock clock = Clock.systemUTC();

    HttpGatewayBuilder() {
    }

    abstract B self();

    /** How long to wait for a TCP (and TLS) connection. */
    public B connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /** How long to wait for each read of the response. */
    public B readTimeout(Duration timeout) {
        this.readTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /** How long to wait for each write of the request. */
    public B writeTimeout(Duration timeout) {
        this.writeTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /** How long a whole call may take, from connecting to reading the whole response. */
    public B callTimeout(Duration timeout) {
        this.callTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /**
     * Sends through the host's client (escape hatch): its connection pool, dispatcher, interceptors, proxy
     * and TLS settings. The channel never closes it.
     */
    public B okHttpClient(OkHttpClient client) {
        this.hostClient = Objects.requireNonNull(client, "client");
        return self();
    }

    /** The clock that turns a {@code Retry-After} HTTP date into a wait. Defaults to the system UTC clock. */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    void validateHttp(Checks violations) {
        if (connectTimeout != null) {
            violations.positive("connectTimeout", connectTimeout);
        }
        if (readTimeout != null) {
            violations.positive("readTimeout", readTimeout);
        }
        if (writeTimeout != null) {
            violations.positive("writeTimeout", writeTimeout);
        }
        if (callTimeout != null) {
            violations.positive("callTimeout", callTimeout);
        }
    }

    HttpGateway newGateway(String name, Redactor redactor) {
        OkHttpClient client = HttpGateway.client(hostClient, connectTimeout, readTimeout, writeTimeout, callTimeout,
                Duration.ofSeconds(DEFAULT_CONNECT_SECONDS), Duration.ofSeconds(DEFAULT_READ_SECONDS),
                Duration.ofSeconds(DEFAULT_WRITE_SECONDS), Duration.ofSeconds(DEFAULT_CALL_SECONDS));
        return new HttpGateway(name, client, clock, redactor);
    }
}
