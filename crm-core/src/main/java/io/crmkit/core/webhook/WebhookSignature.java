package io.crmkit.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks signature: {@code v1,<base64 of HMAC-SHA256(key, "<id>.<timestamp>.<body>")>}, one per
 * secret, separated by spaces in the {@code webhook-signature} header while a secret is being rotated. For
 * transports; a host receiving its own webhooks checks with the same scheme.
 */
public final class WebhookSignature {
    /** The header holding the message id (the event id). */
    public static final String ID_HEADER = "webhook-id";
    /** The header holding the unix time in seconds the request was signed at. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** The header holding the signatures. */
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private WebhookSignature() {
    }

    /** {@code v1,<base64 HMAC-SHA256>} of {@code id.timestamp.body} with {@code secret}. */
    public static String sign(WebhookSecret secret, String id, long timestamp, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(body, "body");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** The {@code webhook-signature} header: one signature per secret, space separated, in the order given. */
    public static String header(List<WebhookSecret> secrets, String id, long timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed");
        }
        return secrets.stream().map(s -> sign(s, id, timestamp, body)).collect(Collectors.joining(" "));
    }
}
