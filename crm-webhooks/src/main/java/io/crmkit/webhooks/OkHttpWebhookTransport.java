package io.crmkit.webhooks;

import io.crmkit.core.Checks;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.webhook.AddressGuard;
import io.crmkit.core.webhook.WebhookRequest;
import io.crmkit.core.webhook.WebhookResponse;
import io.crmkit.core.webhook.WebhookSignature;
import io.crmkit.core.webhook.WebhookTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Posts webhook deliveries over HTTP with OkHttp: the body is {@link WebhookJson}, the headers are the Standard
 * Webhooks ones ({@code webhook-id} = the event id, {@code webhook-timestamp} in unix seconds,
 * {@code webhook-signature} with one {@code v1,} signature per signing secret). Redirects are not followed (a
 * 3xx is a failure that is not retried), so a redirect cannot lead a request past the {@link AddressGuard}, which
 * checks every URL before the request and every address the host name resolves to when OkHttp connects (a
 * {@link okhttp3.Dns} wrapper). Connection errors and timeouts come back as failures, never as exceptions. Thread-safe.
 *
 * <pre>{@code
 * OkHttpWebhookTransport transport = OkHttpWebhookTransport.builder()
 *     .guard(AddressGuard.builder().allowHost("erp.intranet").build())
 *     .callTimeout(Duration.ofSeconds(15))
 *     .build();
 * }</pre>
 *
 * <p>A proxy set on the host's client is connected to instead of the endpoint, so only the URL check applies then.
 */
public final class OkHttpWebhookTransport implements WebhookTransport {
    private static final MediaType JSON = Objects.requireNonNull(MediaType.parse("application/json"), "media type");
    /** The {@code User-Agent} of every request. */
    public static final String USER_AGENT = "crmkit-webhooks";

    private final OkHttpClient client;
    private final AddressGuard guard;
    private final boolean ownClient;

    private OkHttpWebhookTransport(Builder b) {
        this.guard = b.guard;
        OkHttpClient base = b.client != null ? b.client : new OkHttpClient();
        this.ownClient = b.client == null;
        this.client = base.newBuilder()
                .dns(new GuardedDns(base.dns(), b.guard))
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                .callTimeout(b.callTimeout)
                .build();
    }

    /** A transport with the defaults: strict guard, 5 s to connect, 10 s to read, 15 s for the whole call. */
    public static OkHttpWebhookTransport create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AddressGuard guard() {
        return guard;
    }

    @Override
    public WebhookResponse send(WebhookRequest request) {
        Optional<String> refused = refusal(request.url());
        if (refused.isPresent()) {
            return WebhookResponse.failed("refused by the webhook address guard: " + refused.get());
        }
        EventRecord event = request.event();
        byte[] body = WebhookJson.write(event);
        long timestamp = request.timestamp().getEpochSecond();
        String id = request.messageId();
        Request http = new Request.Builder()
                .url(request.url())
                .header(WebhookSignature.ID_HEADER, id)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(request.secrets(), id, timestamp, body))
                .header("User-Agent", USER_AGENT)
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = client.newCall(http).execute()) {
            return WebhookResponse.answered(response.code(), response.header("Retry-After"));
        } catch (GuardedDns.RefusedAddressException e) {
            return WebhookResponse.failed(String.valueOf(e.getMessage()));
        } catch (UnknownHostException e) {
            return WebhookResponse.failed("unknown host: " + e.getMessage());
        } catch (InterruptedIOException e) {
            return WebhookResponse.failed("timed out: " + e.getMessage());
        } catch (IOException e) {
            return WebhookResponse.failed("connection failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Optional<String> refusal(String url) {
        try {
            return guard.refusalWithoutLookup(new URI(url));
        } catch (URISyntaxException e) {
            return Optional.of("not a URL");
        }
    }

    /** Releases the connections and threads of the client it made; a host's client is the host's to close. */
    @Override
    public void close() {
        if (ownClient) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "OkHttpWebhookTransport[" + guard + "]";
    }

    /** Collects the settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private AddressGuard guard = AddressGuard.strict();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration callTimeout = Duration.ofSeconds(15);
        private @Nullable OkHttpClient client;

        private Builder() {
        }

        /** The addresses requests may go to; {@link AddressGuard#strict()} unless set. */
        public Builder guard(AddressGuard guard) {
            this.guard = Objects.requireNonNull(guard, "guard");
            return this;
        }

        /** How long connecting may take. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long each read or write may wait. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long a whole request may take, connecting to reading the answer: keep it below the dispatcher's lease. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * A client of the host's to build on (its connection pool, TLS settings, event listener); the transport sets its
         * own DNS guard, timeouts and redirect rule on a copy, and leaves the client open when it closes.
         */
        public Builder client(OkHttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** @throws io.crmkit.core.ValidationException naming every bad setting */
        public OkHttpWebhookTransport build() {
            Checks checks = new Checks();
            checks.positive("connectTimeout", connectTimeout);
            checks.positive("readTimeout", readTimeout);
            checks.positive("callTimeout", callTimeout);
            checks.throwIfAny();
            return new OkHttpWebhookTransport(this);
        }
    }
}
