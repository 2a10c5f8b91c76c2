package io.crmkit.core.document;

import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One download of a document: recorded in the transaction that decided the actor may read it.
 *
 * @param id         time-ordered (UUID version 7), the order {@link DocumentService#downloads} lists them in
 * @param documentId the document
 * @param version    the version number that was opened
 * @param by         who opened it
 * @param at         when
 */
public record DocumentDownload(UUID id, DocumentId documentId, int version, UserRef by, Instant at) {
    public DocumentDownload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (version < 1) {
            throw new IllegalArgumentException("version numbers start at 1: " + version);
        }
    }
}
