package io.crmkit.messaging;

import io.crmkit.core.Checks;
import io.crmkit.messaging.internal.TwilioApi;
import java.util.Objects;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Settings of Twilio's REST API or a compatible gateway, shared by {@link HttpSmsChannel.TwilioBuilder}
 * and {@link HttpVoiceChannel.TwilioBuilder}: form-encoded {@code POST}s to
 * {@code {baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json} or {@code Calls.json}, HTTP Basic
 * authentication with the account SID and auth token, the idempotency key in
 * {@code I-Twilio-Idempotency-Token}, and the provider's id read from the response's {@code sid}.
 *
 * @param <B> the concrete builder
 */
public abstract class TwilioGatewayBuilder<B extends TwilioGatewayBuilder<B>> extends HttpGatewayBuilder<B> {
    /** Twilio's API host. */
    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    private String baseUrl = DEFAULT_BASE_URL;
    private @Nullable String accountSid;
    private @Nullable String authToken;
    @Nullable String from;
    @Nullable String messagingServiceSid;
    private @Nullable String statusCallback;

    TwilioGatewayBuilder() {
    }

    /** Where the API lives. Default {@value #DEFAULT_BASE_URL}; a test or a compatible gateway sets its own. */
    public B baseUrl(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        return self();
    }

    /** The account SID ({@code AC...}): the Basic auth user name and part of the path. Required. */
    public B accountSid(String accountSid) {
        this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
        return self();
    }

    /** The auth token: the Basic auth password. Required; never in {@code toString()}, logs or exceptions. */
    public B authToken(String authToken) {
        this.authToken = Objects.requireNonNull(authToken, "authToken");
        return self();
    }

    /** The sending phone number in E.164 form (or an alphanumeric sender id for SMS). */
    public B from(String from) {
        this.from = Objects.requireNonNull(from, "from");
        return self();
    }

    /** The URL Twilio calls with status updates, for messages that do not carry their own. */
    public B statusCallback(String url) {
        this.statusCallback = Objects.requireNonNull(url, "url");
        return self();
    }

    @Nullable String defaultStatusCallback() {
        return statusCallback;
    }

    TwilioApi validateTwilio(Checks violations) {
        validateHttp(violations);
        violations.httpUrl("baseUrl", baseUrl);
        if (violations.present("accountSid", accountSid)) {
            violations.require(Objects.requireNonNull(accountSid).matches("[A-Za-z0-9]{1,64}"), "accountSid", "format",
                    "must be letters and digits, like AC0123...");
        }
        violations.present("authToken", authToken);
        if (statusCallback != null) {
            violations.httpUrl("statusCallback", statusCallback);
        }
        violations.throwIfAny();
        Objects.requireNonNull(accountSid, "accountSid"); // null only with a violation
        Objects.requireNonNull(authToken, "authToken"); // null only with a violation
        return new TwilioApi(HttpUrl.get(baseUrl), accountSid, authToken, from, messagingServiceSid);
    }
}
