package io.crmkit.core.document;

import java.util.Objects;
import java.util.UUID;

/** Identifies a document. Time-ordered (UUID version 7). */
public record DocumentId(UUID value) {
    public DocumentId {
        Objects.requireNonNull(value, "value");
    }

    public static DocumentId parse(String text) {
        return new DocumentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
