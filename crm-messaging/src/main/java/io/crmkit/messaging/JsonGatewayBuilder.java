package io.crmkit.messaging;

import io.crmkit.core.Checks;
import io.crmkit.messaging.internal.JsonGateway;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a generic JSON gateway, shared by {@link HttpSmsChannel.JsonBuilder} and
 * {@link HttpVoiceChannel.JsonBuilder}. Each message is one {@code POST} of a flat JSON object (UTF-8)
 * to {@link #url(String)}:
 *
 * <pre>{@code
 * POST /v1/sms
 * Authorization: Bearer ...
 * Idempotency-Key: 0190f0c2-...
 * Content-Type: application/json; charset=utf-8
 *
 * {"from":"CRMKIT","to":"+8613800138000","text":"您好","statusCallback":"https://...","idempotencyKey":"0190f0c2-..."}
 * }</pre>
 *
 * <p>Field names are configurable; the provider's message id is read from a top-level field of the
 * response ({@code id} by default, a string or a number). A 2xx response without it still counts as
 * sent (the message was accepted; failing would send it twice) and reports the idempotency key instead.
 * The idempotency key goes both in a body field and in a header, unchanged across retries.
 *
 * @param <B> the concrete builder
 */
public abstract class JsonGatewayBuilder<B extends JsonGatewayBuilder<B>> extends HttpGatewayBuilder<B> {
    private @Nullable String url;
    private final Headers.Builder headers = new Headers.Builder();
    final List<String> secrets = new ArrayList<>();
    private final Map<String, String> fixedFields = new LinkedHashMap<>();
    private @Nullable String from;
    private String fromField = "from";
    private String toField = "to";
    private @Nullable String statusCallback;
    private String statusCallbackField = "statusCallback";
    private String idempotencyKeyField = "idempotencyKey";
    private String idempotencyKeyHeader = "Idempotency-Key";
    private String messageIdField = "id";
    private final List<String> badHeaders = new ArrayList<>();

    JsonGatewayBuilder() {
    }

    /** The gateway's endpoint, an absolute http or https URL. Required. */
    public B url(String url) {
        this.url = Objects.requireNonNull(url, "url");
        return self();
    }

    /**
     * The header that authenticates, such as {@code Authorization: Bearer <token>} or
     * {@code X-Api-Key: <key>}. Its value is a secret: never in {@code toString()}, logs or exceptions.
     */
    public B authHeader(String name, String value) {
        Objects.requireNonNull(value, "value");
        secrets.add(value);
        if (value.startsWith("Bearer ") || value.startsWith("Basic ")) {
            secrets.add(value.substring(value.indexOf(' ') + 1));
        }
        return header(name, value);
    }

    /** Shorthand for {@code authHeader("Authorization", "Bearer " + token)}. */
    public B bearerToken(String token) {
        return authHeader("Authorization", "Bearer " + Objects.requireNonNull(token, "token"));
    }

    /** A header sent with every request (not treated as a secret; use {@link #authHeader} for those). */
    public B header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        try {
            headers.set(name, value);
        } catch (IllegalArgumentException e) {
            badHeaders.add(name);
        }
        return self();
    }

    /** A field sent with every request, such as an application id or an SMS signature name. */
    public B field(String name, String value) {
        fixedFields.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /** The sender (number or sender id), sent in the {@link #fromField(String) from field}; optional. */
    public B from(String from) {
        this.from = Objects.requireNonNull(from, "from");
        return self();
    }

    /** The field that carries the sender. Default {@code from}. */
    public B fromField(String name) {
        this.fromField = Objects.requireNonNull(name, "name");
        return self();
    }

    /** The field that carries the recipient. Default {@code to}. */
    public B toField(String name) {
        this.toField = Objects.requireNonNull(name, "name");
        return self();
    }

    /** The URL where the gateway reports delivery, sent with every message that does not carry its own. */
    public B statusCallback(String url) {
        this.statusCallback = Objects.requireNonNull(url, "url");
        return self();
    }

    /** The field that carries the status callback URL. Default {@code statusCallback}. */
    public B statusCallbackField(String name) {
        this.statusCallbackField = Objects.requireNonNull(name, "name");
        return self();
    }

    /** The field that carries the idempotency key. Default {@code idempotencyKey}. */
    public B idempotencyKeyField(String name) {
        this.idempotencyKeyField = Objects.requireNonNull(name, "name");
        return self();
    }

    /** The header that carries the idempotency key. Default {@code Idempotency-Key}. */
    public B idempotencyKeyHeader(String name) {
        this.idempotencyKeyHeader = Objects.requireNonNull(name, "name");
        return self();
    }

    /** The top-level response field that holds the provider's message id. Default {@code id}. */
    public B messageIdField(String name) {
        this.messageIdField = Objects.requireNonNull(name, "name");
        return self();
    }

    @Nullable String defaultStatusCallback() {
        return statusCallback;
    }

    JsonGateway validateJson(Checks violations, Map<String, String> contentFields) {
        validateHttp(violations);
        violations.httpUrl("url", url);
        for (String name : badHeaders) {
            violations.add("header." + name, "format", "must be a valid HTTP header name and value");
        }
        if (violations.present("idempotencyKeyHeader", idempotencyKeyHeader)) {
            violations.require(idempotencyKeyHeader.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':'),
                    "idempotencyKeyHeader", "format", "must be a valid HTTP header name");
        }
        violations.present("messageIdField", messageIdField);
        if (statusCallback != null) {
            violations.httpUrl("statusCallback", statusCallback);
        }
        Map<String, String> names = new LinkedHashMap<>();
        names.put("toField", toField);
        names.put("fromField", fromField);
        names.put("statusCallbackField", statusCallbackField);
        names.put("idempotencyKeyField", idempotencyKeyField);
        names.putAll(contentFields);
        Set<String> seen = new HashSet<>();
        names.forEach((field, name) -> {
            if (violations.present(field, name)) {
                violations.require(seen.add(name) && !fixedFields.containsKey(name), field, "duplicate",
                        "must differ from the other field names but '" + name + "' is used twice");
            }
        });
        violations.throwIfAny();
        return new JsonGateway(HttpUrl.get(url), headers.build(), fixedFields, from, fromField, toField,
                statusCallbackField, idempotencyKeyField, idempotencyKeyHeader, messageIdField);
    }
}
