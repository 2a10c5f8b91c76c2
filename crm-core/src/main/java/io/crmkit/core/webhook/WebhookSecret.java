package io.crmkit.core.webhook;

import io.crmkit.core.ValidationException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The key an endpoint's deliveries are signed with, in the Standard Webhooks form {@code whsec_<base64 of the key>}:
 * the text a host shows the receiver once, and the receiver gives its verifier. 24 to 64 bytes of key; generated ones
 * are 32 random bytes. Never printed: {@link #toString()} hides it.
 */
public final class WebhookSecret {
    /** The prefix of the text form. */
    public static final String PREFIX = "whsec_";
    /** The shortest key, in bytes. */
    public static final int MIN_KEY_BYTES = 24;
    /** The longest key, in bytes. */
    public static final int MAX_KEY_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** A new secret of 32 random bytes. */
    public static WebhookSecret generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    /**
     * Reads {@code whsec_<base64>}.
     *
     * @throws ValidationException on field {@code secret} if it is not that form or the key is too short or long
     */
    public static WebhookSecret of(String text) {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(PREFIX)) {
            throw ValidationException.of("secret", "format", "must start with " + PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("secret", "format", "must be " + PREFIX + " and base64");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw ValidationException.of("secret", "length", "the key must be " + MIN_KEY_BYTES + " to "
                    + MAX_KEY_BYTES + " bytes but is " + key.length);
        }
        return new WebhookSecret(key);
    }

    /** The text form, {@code whsec_<base64>}: for the receiver, never for a log. */
    public String value() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** A copy of the key bytes. */
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret other && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[hidden]";
    }
}
