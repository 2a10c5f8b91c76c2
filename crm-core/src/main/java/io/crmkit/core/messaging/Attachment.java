package io.crmkit.core.messaging;

import io.crmkit.core.Checks;
import java.util.Arrays;
import java.util.Objects;

/** A file attached to an email: name, MIME type and content (at most 10 MB). */
public record Attachment(String fileName, String contentType, byte[] content) {
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    public Attachment {
        Checks checks = new Checks();
        fileName = checks.required("attachment.fileName", fileName, 200);
        contentType = checks.required("attachment.contentType", contentType, 100);
        checks.require(contentType == null || contentType.matches("[\\w.+-]+/[\\w.+-]+"), "attachment.contentType",
                "format", "must be a MIME type like application/pdf");
        Objects.requireNonNull(content, "content");
        checks.require(content.length <= MAX_BYTES, "attachment.content", "too_large", "must be at most 10 MB");
        checks.throwIfAny();
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && a.fileName.equals(fileName) && a.contentType.equals(contentType)
                && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Attachment[" + fileName + ", " + contentType + ", " + content.length + " bytes]";
    }
}
