package io.crmkit.messaging.internal;

import io.crmkit.core.DeliveryException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request to an HTTP gateway and turns the answer into a provider message id or a classified
 * {@link DeliveryException}: 408, 429 and 5xx and I/O failures (refused, reset, timed out) are
 * retryable, honouring {@code Retry-After}; every other non-2xx answer is permanent. Exception messages
 * name the endpoint without query or user info and quote at most a short, redacted snippet of the
 * response body, never the request; an I/O failure is kept as cause only as a
 * {@linkplain Redactor#scrub(Throwable) cleaned copy}.
 */
public final class HttpGateway {
    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    private static final long MAX_BODY_BYTES = 256 * 1024;
    private static final int SNIPPET_CHARS = 200;

    private final String name;
    private final OkHttpClient client;
    private final Clock clock;
    private final Redactor redactor;

    /** @param name what the gateway is, for messages: "SMS gateway" */
    public HttpGateway(String name, OkHttpClient client, Clock clock, Redactor redactor) {
        this.name = name;
        this.client = client;
        this.clock = clock;
        this.redactor = redactor;
    }

    /**
     * The one client behind every channel built without a host client: OkHttp wants one client per
     * application, so that its connection pool and dispatcher are shared. Channels derive their own from it
     * with {@link OkHttpClient#newBuilder()}, which keeps both. Never shut down: idle connections close
     * themselves after the pool's keep-alive (5 minutes), on daemon threads.
     */
    private static final class Shared {
        static final OkHttpClient CLIENT = new OkHttpClient();
    }

    /**
     * The client a channel uses, sharing the connection pool and dispatcher of the host's client, or
     * without one of the library's {@linkplain Shared shared client}. Without a host client: the given
     * timeouts (the defaults where null). With the host's client: the timeouts that were set explicitly,
     * the host's others, and the default call timeout when the host's client has none, so a call never
     * waits forever.
     */
    public static OkHttpClient client(@Nullable OkHttpClient hostClient, @Nullable Duration connect,
                                      @Nullable Duration read, @Nullable Duration write, @Nullable Duration call,
                                      Duration defaultConnect, Duration defaultRead, Duration defaultWrite,
                                      Duration defaultCall) {
        if (hostClient == null) {
            return Shared.CLIENT.newBuilder()
                    .connectTimeout(orDefault(connect, defaultConnect).toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(orDefault(read, defaultRead).toMillis(), TimeUnit.MILLISECONDS)
                    .writeTimeout(orDefault(write, defaultWrite).toMillis(), TimeUnit.MILLISECONDS)
                    .callTimeout(orDefault(call, defaultCall).toMillis(), TimeUnit.MILLISECONDS)
                    .build();
        }
        OkHttpClient.Builder builder = hostClient.newBuilder();
        if (connect != null) {
            builder.connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (read != null) {
            builder.readTimeout(read.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (write != null) {
            builder.writeTimeout(write.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (call != null) {
            builder.callTimeout(call.toMillis(), TimeUnit.MILLISECONDS);
        } else if (hostClient.callTimeoutMillis() == 0) {
            builder.callTimeout(defaultCall.toMillis(), TimeUnit.MILLISECONDS);
        }
        return builder.build();
    }

    private static Duration orDefault(@Nullable Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    /**
     * Executes the request.
     *
     * @param providerId reads the provider's message id from a successful response body
     * @param fallbackId the id to report when a successful response carries none (the message was accepted,
     *                   so failing would only send it twice)
     */
    public String execute(Request request, Function<String, Optional<String>> providerId, String fallbackId) {
        String endpoint = endpoint(request.url());
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            String body = bodyText(response);
            if (response.isSuccessful()) {
                Optional<String> id = providerId.apply(body).filter(s -> !s.isBlank());
                if (id.isEmpty()) {
                    LOG.warn("{} {} accepted a message (HTTP {}) without a message id; reporting idempotency key", name,
                            endpoint, code);
                }
                return id.orElse(fallbackId);
            }
            boolean retryable = code == 408 || code == 429 || code >= 500;
            Duration retryAfter = retryable ? retryAfter(response.header("Retry-After")) : null;
            StringBuilder message = new StringBuilder(name).append(' ').append(endpoint).append(" answered HTTP ")
                    .append(code);
            if (retryAfter != null) {
                message.append(", retry after ").append(retryAfter.toSeconds()).append('s');
            }
            String snippet = redactor.clean(body, SNIPPET_CHARS);
            if (!snippet.isEmpty()) {
                message.append(": ").append(snippet);
            }
            return failWith(new DeliveryException(message.toString(), retryable, retryAfter, null));
        } catch (InterruptedIOException e) {
            throw DeliveryException.retryable(name + " " + endpoint + " timed out", redactor.scrub(e));
        } catch (IOException e) {
            throw DeliveryException.retryable(name + " " + endpoint + " unreachable: " + e.getClass().getSimpleName()
                    + " " + redactor.clean(e.getMessage(), SNIPPET_CHARS), redactor.scrub(e));
        }
    }

    /** At most {@value #MAX_BODY_BYTES} bytes of the body, read once (a peek would copy them first). */
    private static String bodyText(Response response) throws IOException {
        BufferedSource source = response.body().source();
        source.request(MAX_BODY_BYTES);
        Buffer buffer = source.getBuffer();
        MediaType type = response.body().contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return buffer.readString(Math.min(buffer.size(), MAX_BODY_BYTES), charset);
    }

    private static String failWith(DeliveryException e) {
        throw e;
    }

    /**
     * The wait a {@code Retry-After} value asks for: delay seconds or an HTTP date (never negative); null
     * when absent or unreadable.
     */
    @Nullable Duration retryAfter(@Nullable String value) {
        return parseRetryAfter(value, clock.instant());
    }

    /** See {@link #retryAfter(String)}. */
    public static @Nullable Duration parseRetryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The URL without user info and query, which may carry keys. */
    public static String endpoint(HttpUrl url) {
        return url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
    }
}
