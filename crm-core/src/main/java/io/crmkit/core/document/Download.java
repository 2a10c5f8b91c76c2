package io.crmkit.core.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * An opened version of a document: its metadata and its content as a stream from the content store, read as it
 * is consumed (never the whole file in memory). Close it, in a try-with-resources, to give back what the store
 * holds for it. Not thread-safe.
 *
 * <pre>{@code
 * try (Download d = crm.documents().open(id)) {
 *     Files.copy(d.content(), target);
 * }
 * }</pre>
 */
public final class Download implements AutoCloseable {
    private final Document document;
    private final DocumentVersion version;
    private final InputStream content;

    /** For the document service. */
    public Download(Document document, DocumentVersion version, InputStream content) {
        this.document = Objects.requireNonNull(document, "document");
        this.version = Objects.requireNonNull(version, "version");
        this.content = Objects.requireNonNull(content, "content");
    }

    /** The document as the actor may see it. */
    public Document document() {
        return document;
    }

    /** The version opened: its size and checksum say what {@link #content()} holds. */
    public DocumentVersion version() {
        return version;
    }

    /** The content, read from the store as it is consumed. */
    public InputStream content() {
        return content;
    }

    /** Closes the content stream. */
    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException("close the content of document " + document.id(), e);
        }
    }

    @Override
    public String toString() {
        return "Download[document=" + document.id() + ", version=" + version.number() + "]";
    }
}
