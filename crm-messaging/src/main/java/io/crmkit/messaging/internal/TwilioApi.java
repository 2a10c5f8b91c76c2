package io.crmkit.messaging.internal;

import io.crmkit.core.messaging.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's REST API (2010-04-01), or a compatible one at another base URL: form-encoded POSTs to
 * {@code Messages.json} and {@code Calls.json} with Basic authentication, the idempotency key in
 * {@code I-Twilio-Idempotency-Token}, and the message id in the response's {@code sid}.
 *
 * @param from                the sender number (or alphanumeric sender id)
 * @param messagingServiceSid sends SMS through a messaging service instead of {@code from}
 */
public record TwilioApi(HttpUrl baseUrl, String accountSid, String authToken, @Nullable String from,
                        @Nullable String messagingServiceSid) {
    /** Twilio's idempotency header. */
    public static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

    /** The request that sends an SMS. */
    public Request message(OutboundMessage message, String body, @Nullable String statusCallback) {
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8).add("To", message.to());
        if (messagingServiceSid != null) {
            form.add("MessagingServiceSid", messagingServiceSid);
        }
        if (from != null) {
            form.add("From", from);
        }
        form.add("Body", body);
        if (statusCallback != null) {
            form.add("StatusCallback", statusCallback);
        }
        return post("Messages.json", form.build(), message);
    }

    /** The request that places a call running the given TwiML. */
    public Request call(OutboundMessage message, String twiml, @Nullable String statusCallback) {
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8).add("To", message.to());
        if (from != null) {
            form.add("From", from);
        }
        form.add("Twiml", twiml);
        if (statusCallback != null) {
            form.add("StatusCallback", statusCallback);
        }
        return post("Calls.json", form.build(), message);
    }

    private Request post(String resource, FormBody body, OutboundMessage message) {
        HttpUrl url = baseUrl.newBuilder()
                .addPathSegment("2010-04-01").addPathSegment("Accounts").addPathSegment(accountSid)
                .addPathSegment(resource).build();
        return new Request.Builder().url(url)
                .header("Authorization", Credentials.basic(accountSid, authToken, StandardCharsets.UTF_8))
                .header("Accept", "application/json")
                .header(IDEMPOTENCY_HEADER, HeaderValues.safe(message.idempotencyKey()))
                .post(body)
                .build();
    }

    /** Values that must never show in messages: the token and the Basic credentials. */
    public java.util.List<@Nullable String> secrets() {
        String basic = Credentials.basic(accountSid, authToken, StandardCharsets.UTF_8);
        return java.util.List.of(authToken, basic, basic.substring("Basic ".length()));
    }

    /** The message or call SID in a response body. */
    public static Optional<String> sid(String body) {
        return Json.topLevelField(body, "sid");
    }

    /** TwiML that speaks a script in a language (and optionally a voice). */
    public static String say(String script, String language, @Nullable String voice) {
        return "<Response><Say language=\"" + xml(language) + "\""
                + (voice == null ? "" : " voice=\"" + xml(voice) + "\"") + ">" + xml(script) + "</Say></Response>";
    }

    /** TwiML that plays an audio file. */
    public static String play(String audioUrl) {
        return "<Response><Play>" + xml(audioUrl) + "</Play></Response>";
    }

    private static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return "twilio " + HttpGateway.endpoint(baseUrl) + " account " + accountSid;
    }
}
