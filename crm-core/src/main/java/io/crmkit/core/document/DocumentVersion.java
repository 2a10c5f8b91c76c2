package io.crmkit.core.document;

import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One version of a document's content, as the content store wrote it: never changed once stored.
 *
 * @param number     1 for the first upload, then one more for each added version, without gaps
 * @param size       bytes, 0 or more
 * @param sha256     the SHA-256 of the content, 64 lower-case hex digits, computed while it streamed in
 * @param contentKey where the content store keeps it
 * @param createdBy  who uploaded it
 * @param createdAt  when
 */
public record DocumentVersion(int number, long size, String sha256, String contentKey, UserRef createdBy,
                              Instant createdAt) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DocumentVersion {
        if (number < 1) {
            throw new IllegalArgumentException("version numbers start at 1: " + number);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 or more: " + size);
        }
        if (!SHA256.matcher(Objects.requireNonNull(sha256, "sha256")).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
        Objects.requireNonNull(contentKey, "contentKey");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
