package io.crmkit.messaging.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Makes text safe for an HTTP or mail header value. */
public final class HeaderValues {
    private HeaderValues() {
    }

    /**
     * The value itself when it is printable ASCII, otherwise a stable stand-in derived from it (the same
     * input always gives the same output, so an idempotency key stays the same across retries).
     */
    public static String safe(String value) {
        if (!value.isEmpty() && value.length() <= 200 && value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return value;
        }
        return UUID.nameUUIDFromBytes(value.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
