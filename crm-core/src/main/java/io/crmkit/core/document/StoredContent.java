package io.crmkit.core.document;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link ContentStore} wrote.
 *
 * @param key    where it is, for {@link ContentStore#open} and {@link ContentStore#delete}: 1 to {@value #MAX_KEY}
 *               characters of ASCII letters, digits, {@code .}, {@code _} and {@code -}
 * @param size   bytes written
 * @param sha256 their SHA-256, 64 lower-case hex digits
 */
public record StoredContent(String key, long size, String sha256) {
    /** Longest key. */
    public static final int MAX_KEY = 200;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KEY + "}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public StoredContent {
        if (!isKey(Objects.requireNonNull(key, "key"))) {
            throw new IllegalArgumentException("not a content key: " + key);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or more: " + size);
        }
        if (!SHA256.matcher(Objects.requireNonNull(sha256, "sha256")).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /** Whether {@code key} has the form of a content key. */
    public static boolean isKey(String key) {
        return KEY.matcher(key).matches();
    }
}
