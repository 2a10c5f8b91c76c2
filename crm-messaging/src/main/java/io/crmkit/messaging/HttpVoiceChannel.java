package io.crmkit.messaging;

import io.crmkit.core.Checks;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.messaging.internal.HttpGateway;
import io.crmkit.messaging.internal.JsonGateway;
import io.crmkit.messaging.internal.Redactor;
import io.crmkit.messaging.internal.TwilioApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Places voice calls through an HTTP gateway: a {@linkplain #jsonGateway() generic JSON gateway} or
 * {@linkplain #twilio() Twilio's Calls API} (or a compatible one). A call either speaks a text-to-speech
 * script or plays an audio file; progress goes to the message's status callback URL, or the channel's
 * default.
 *
 * <pre>{@code
 * HttpVoiceChannel voice = HttpVoiceChannel.twilio()
 *         .accountSid("AC0123...").authToken(System.getenv("TWILIO_AUTH_TOKEN"))
 *         .from("+15005550006")
 *         .language("zh-CN")
 *         .build();
 * }</pre>
 *
 * <p>With Twilio a script becomes {@code <Response><Say language="zh-CN">...</Say></Response>} and an
 * audio URL {@code <Response><Play>...</Play></Response>}, sent inline as {@code Twiml}.
 *
 * <p>Failures are classified like {@link HttpSmsChannel}'s: 408, 429 (with {@code Retry-After}), 5xx,
 * refused connections and timeouts are retryable, other 4xx permanent. Thread-safe; shares the connection
 * pool of the other channels (see {@link HttpGatewayBuilder}); credentials never in {@code toString()}, logs
 * or exceptions.
 */
public final class HttpVoiceChannel extends GatewayChannel {
    private HttpVoiceChannel(HttpGateway gateway, Function<OutboundMessage, Request> requests,
                   Function<String, Optional<String>> providerId, String description) {
        super(gateway, requests, providerId, description, MessageContent.Voice.class);
    }

    /** A builder for a generic JSON gateway. */
    public static JsonBuilder jsonGateway() {
        return new JsonBuilder();
    }

    /** A builder for Twilio's Calls API or a compatible gateway. */
    public static TwilioBuilder twilio() {
        return new TwilioBuilder();
    }

    /** Always {@link ChannelKind#VOICE}. */
    @Override
    public ChannelKind kind() {
        return ChannelKind.VOICE;
    }

    private static MessageContent.Voice voiceOf(OutboundMessage message) {
        return (MessageContent.Voice) message.content();
    }

    private static @Nullable String callback(MessageContent.Voice voice, @Nullable String fallback) {
        return voice.statusCallbackUrl().orElse(fallback);
    }

    /** Builds an {@link HttpVoiceChannel} for a generic JSON gateway; see {@link JsonGatewayBuilder}. */
    public static final class JsonBuilder extends JsonGatewayBuilder<JsonBuilder> {
        private String scriptField = "script";
        private String audioUrlField = "audioUrl";

        JsonBuilder() {
        }

        @Override
        JsonBuilder self() {
            return this;
        }

        /** The field that carries a text-to-speech script. Default {@code script}. */
        public JsonBuilder scriptField(String name) {
            this.scriptField = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The field that carries an audio file's URL. Default {@code audioUrl}. */
        public JsonBuilder audioUrlField(String name) {
            this.audioUrlField = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The channel.
         *
         * @throws io.crmkit.core.ValidationException naming every missing or invalid setting
         */
        public HttpVoiceChannel build() {
            Map<String, String> contentFields = new LinkedHashMap<>();
            contentFields.put("scriptField", scriptField);
            contentFields.put("audioUrlField", audioUrlField);
            JsonGateway api = validateJson(new Checks(), contentFields);
            @Nullable String defaultCallback = defaultStatusCallback();
            String script = scriptField;
            String audio = audioUrlField;
            HttpGateway gateway = newGateway("voice gateway", new Redactor(List.copyOf(secrets)));
            return new HttpVoiceChannel(gateway, m -> {
                MessageContent.Voice voice = voiceOf(m);
                Map<String, String> fields = voice.script().isPresent()
                        ? Map.of(script, voice.script().get())
                        : Map.of(audio, voice.audioUrl().orElseThrow());
                return api.request(m, fields, callback(voice, defaultCallback));
            }, api::providerId, "HttpVoiceChannel[" + api + "]");
        }
    }

    /** Builds an {@link HttpVoiceChannel} for Twilio's Calls API; see {@link TwilioGatewayBuilder}. */
    public static final class TwilioBuilder extends TwilioGatewayBuilder<TwilioBuilder> {
        /** The default text-to-speech language. */
        public static final String DEFAULT_LANGUAGE = "zh-CN";

        private String language = DEFAULT_LANGUAGE;
        private @Nullable String voiceName;

        TwilioBuilder() {
        }

        @Override
        TwilioBuilder self() {
            return this;
        }

        /** The language scripts are spoken in, a BCP 47 tag such as {@code zh-CN} (the default) or {@code en-US}. */
        public TwilioBuilder language(String language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /** The text-to-speech voice, such as {@code Polly.Zhiyu}; Twilio's default when unset. */
        public TwilioBuilder voice(String voice) {
            this.voiceName = Objects.requireNonNull(voice, "voice");
            return this;
        }

        /**
         * The channel.
         *
         * @throws io.crmkit.core.ValidationException naming every missing or invalid setting
         */
        public HttpVoiceChannel build() {
            Checks violations = new Checks();
            violations.present("from", from);
            if (violations.present("language", language)) {
                violations.require(language.matches("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*"), "language", "format",
                        "must be a language tag like zh-CN");
            }
            TwilioApi api = validateTwilio(violations);
            @Nullable String defaultCallback = defaultStatusCallback();
            String lang = language;
            @Nullable String voiceName = this.voiceName;
            HttpGateway gateway = newGateway("voice gateway", new Redactor(api.secrets()));
            return new HttpVoiceChannel(gateway, m -> {
                MessageContent.Voice voice = voiceOf(m);
                String twiml = voice.script().isPresent()
                        ? TwilioApi.say(voice.script().get(), lang, voiceName)
                        : TwilioApi.play(voice.audioUrl().orElseThrow());
                return api.call(m, twiml, callback(voice, defaultCallback));
            }, TwilioApi::sid, "HttpVoiceChannel[" + api + "]");
        }
    }
}
