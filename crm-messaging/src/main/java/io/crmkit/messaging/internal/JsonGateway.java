package io.crmkit.messaging.internal;

import io.crmkit.core.messaging.OutboundMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * A generic JSON gateway: POSTs a flat JSON object with configurable field names and reads the provider's
 * message id from a top-level field of the response.
 *
 * @param headers              sent with every request, including the authentication header
 * @param fixedFields          sent with every request, before the message's fields
 * @param from                 the sender, sent in {@code fromField} when present
 * @param idempotencyKeyHeader the header that carries the idempotency key, besides its body field
 */
public record JsonGateway(HttpUrl url, Headers headers, Map<String, String> fixedFields, @Nullable String from,
                          String fromField, String toField, String statusCallbackField,
                          String idempotencyKeyField, String idempotencyKeyHeader, String messageIdField) {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    public JsonGateway {
        fixedFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fixedFields));
    }

    /** The request for a message whose content-specific fields are {@code contentFields}. */
    public Request request(OutboundMessage message, Map<String, String> contentFields, @Nullable String statusCallback) {
        Map<String, String> body = new LinkedHashMap<>(fixedFields);
        if (from != null) {
            body.put(fromField, from);
        }
        body.put(toField, message.to());
        body.putAll(contentFields);
        if (statusCallback != null) {
            body.put(statusCallbackField, statusCallback);
        }
        body.put(idempotencyKeyField, message.idempotencyKey());
        return new Request.Builder()
                .url(url)
                .headers(headers)
                .header(idempotencyKeyHeader, HeaderValues.safe(message.idempotencyKey()))
                .post(RequestBody.create(Json.object(body), JSON))
                .build();
    }

    /** The provider's message id in a response body. */
    public Optional<String> providerId(String body) {
        return Json.topLevelField(body, messageIdField);
    }

    @Override
    public String toString() {
        return "json " + HttpGateway.endpoint(url);
    }
}
