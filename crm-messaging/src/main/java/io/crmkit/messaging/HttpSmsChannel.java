package io.crmkit.messaging;

import io.crmkit.core.Checks;
import io.crmkit.core.DeliveryException;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.messaging.internal.HttpGateway;
import io.crmkit.messaging.internal.JsonGateway;
import io.crmkit.messaging.internal.Redactor;
import io.crmkit.messaging.internal.TwilioApi;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Sends SMS through an HTTP gateway: a {@linkplain #jsonGateway() generic JSON gateway} or
 * {@linkplain #twilio() Twilio's Messages API} (or a compatible one).
 *
 * <pre>{@code
 * HttpSmsChannel sms = HttpSmsChannel.twilio()
 *         .accountSid("AC0123...").authToken(System.getenv("TWILIO_AUTH_TOKEN"))
 *         .from("+15005550006")
 *         .build();
 * }</pre>
 *
 * <p>Failures are {@link DeliveryException}s: HTTP 408, 429 and 5xx, refused connections and timeouts
 * are {@linkplain DeliveryException#isRetryable() retryable} and carry the gateway's {@code Retry-After}
 * as {@link DeliveryException#retryAfter()}; every other 4xx is permanent. The message's idempotency key
 * goes with every attempt, so a gateway that honours it sends a retried message once.
 *
 * <p>Thread-safe. Channels share one connection pool (or use the host's, see
 * {@link HttpGatewayBuilder#okHttpClient(okhttp3.OkHttpClient)}); {@link #close()} stops the channel and
 * leaves the pool to the others. Tokens and API keys never appear in {@code toString()}, logs or exceptions.
 */
public final class HttpSmsChannel extends GatewayChannel {
    private HttpSmsChannel(HttpGateway gateway, Function<OutboundMessage, Request> requests,
                   Function<String, Optional<String>> providerId, String description) {
        super(gateway, requests, providerId, description, MessageContent.Sms.class);
    }

    /** A builder for a generic JSON gateway. */
    public static JsonBuilder jsonGateway() {
        return new JsonBuilder();
    }

    /** A builder for Twilio's Messages API or a compatible gateway. */
    public static TwilioBuilder twilio() {
        return new TwilioBuilder();
    }

    /** Always {@link ChannelKind#SMS}. */
    @Override
    public ChannelKind kind() {
        return ChannelKind.SMS;
    }

    private static String text(OutboundMessage message) {
        return ((MessageContent.Sms) message.content()).text();
    }

    /** Builds an {@link HttpSmsChannel} for a generic JSON gateway; see {@link JsonGatewayBuilder}. */
    public static final class JsonBuilder extends JsonGatewayBuilder<JsonBuilder> {
        private String textField = "text";

        JsonBuilder() {
        }

        @Override
        JsonBuilder self() {
            return this;
        }

        /** The field that carries the message text. Default {@code text}. */
        public JsonBuilder textField(String name) {
            this.textField = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The channel.
         *
         * @throws io.crmkit.core.ValidationException naming every missing or invalid setting
         */
        public HttpSmsChannel build() {
            JsonGateway api = validateJson(new Checks(), Map.of("textField", textField));
            @Nullable String callback = defaultStatusCallback();
            String field = textField;
            String description = "HttpSmsChannel[" + api + "]";
            HttpGateway gateway = newGateway("SMS gateway", new Redactor(List.copyOf(secrets)));
            return new HttpSmsChannel(gateway, m -> api.request(m, Map.of(field, text(m)), callback),
                    api::providerId, description);
        }
    }

    /** Builds an {@link HttpSmsChannel} for Twilio's Messages API; see {@link TwilioGatewayBuilder}. */
    public static final class TwilioBuilder extends TwilioGatewayBuilder<TwilioBuilder> {
        TwilioBuilder() {
        }

        @Override
        TwilioBuilder self() {
            return this;
        }

        /** Sends through a messaging service ({@code MessagingServiceSid}) instead of, or besides, a number. */
        public TwilioBuilder messagingServiceSid(String sid) {
            this.messagingServiceSid = Objects.requireNonNull(sid, "sid");
            return this;
        }

        /**
         * The channel.
         *
         * @throws io.crmkit.core.ValidationException naming every missing or invalid setting
         */
        public HttpSmsChannel build() {
            Checks violations = new Checks();
            violations.require(from != null || messagingServiceSid != null, "from", "required",
                    "must be set (or messagingServiceSid)");
            TwilioApi api = validateTwilio(violations);
            @Nullable String callback = defaultStatusCallback();
            HttpGateway gateway = newGateway("SMS gateway", new Redactor(api.secrets()));
            return new HttpSmsChannel(gateway, m -> api.message(m, text(m), callback), TwilioApi::sid,
                    "HttpSmsChannel[" + api + "]");
        }
    }
}
