package io.crmkit.core.document;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.security.AccessScope;
import java.util.Optional;

/**
 * Storage port for documents, their versions and links, and their downloads. Content is not here: it is in a
 * {@link io.crmkit.core.document.ContentStore}.
 */
public interface DocumentRepository {
    void insert(Document document);

    Optional<Document> findById(DocumentId id);

    /** The document with this id; {@link NotFoundException} if there is none. */
    default Document require(DocumentId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no document " + id));
    }

    /**
     * Replaces a document whose stored version is {@code document.version() - 1}, with its versions and links.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws NotFoundException if there is no such document
     */
    void update(Document document);

    /** The documents matching {@code query} that the scope admits, by id. */
    Page<Document> search(DocumentQuery query, AccessScope scope, PageRequest page);

    /** Records a download of a stored document. */
    void recordDownload(DocumentDownload download);

    /** A document's downloads by id, oldest first. */
    Page<DocumentDownload> downloads(DocumentId id, PageRequest page);
}
