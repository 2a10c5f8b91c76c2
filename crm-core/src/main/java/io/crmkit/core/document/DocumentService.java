package io.crmkit.core.document;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.Share;
import io.crmkit.core.security.ShareAccess;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Documents and their content. From {@code crm.documents()}; thread-safe. Content streams through the
 * {@link io.crmkit.core.document.ContentStore} of the {@link DocumentSettings}; it is written before the document's row,
 * and deleted again when the row's transaction fails, so a rejected upload leaves nothing behind (only a crash
 * between the two can leave an unreferenced content object). A document the actor may not read is reported as
 * missing; changes need the right to edit it, from the access policy (owner, department) or a grant.
 *
 * <p>Empty content (0 bytes) is a valid version; more than {@link DocumentSettings#maxSize()} bytes is refused
 * with a {@link io.crmkit.core.ValidationException} on {@code content}.
 */
public interface DocumentService {
    /**
     * Stores a new document with its first version, read from {@code content} (which the caller closes).
     *
     * @throws io.crmkit.core.ValidationException   listing every invalid field, or content over the size limit
     * @throws io.crmkit.core.NotFoundException     if a linked record does not exist or the actor may not read it
     * @throws io.crmkit.core.AccessDeniedException if the actor may not create documents for that owner and department
     */
    Document upload(NewDocument document, InputStream content);

    /**
     * Adds the next version, numbered one more than the current, without gaps. Two writers racing on one document
     * both succeed in turn or one gets a {@link io.crmkit.core.ConflictException}, its content removed again.
     */
    Document addVersion(DocumentId id, InputStream content);

    Optional<Document> get(DocumentId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default Document require(DocumentId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no document " + id));
    }

    /**
     * Opens the current version, recording the download. A download is a write (it records itself), so it is refused
     * inside {@code crm.read(...)}.
     */
    Download open(DocumentId id);

    /**
     * Opens a version and records the download (who, when, which version) in the transaction that decided that the
     * actor may read it.
     *
     * @throws NotFoundException if there is no such document or version, or the actor may not read it
     */
    Download open(DocumentId id, int version);

    /** The downloads of a document, oldest first. Takes the right to read it. */
    Page<DocumentDownload> downloads(DocumentId id, PageRequest page);

    /** Links the document to one more record, which the actor must be able to read. */
    Document link(DocumentId id, DocumentLink link);

    /** Removes a link; the document unchanged if there was none. */
    Document unlink(DocumentId id, DocumentLink link);

    /**
     * Lets a user or a department read or edit the document beyond the access policy, replacing the grantee's earlier
     * grant; raises {@link DocumentEvent.Shared}. Takes the right to edit it.
     */
    Share grant(DocumentId id, Grantee grantee, ShareAccess access);

    /** Takes back a grant; whether there was one. Takes the right to edit it. */
    boolean revoke(DocumentId id, Grantee grantee);

    /** The document's grants, by grantee id. Takes the right to read it. */
    List<Share> grants(DocumentId id);

    /** Archives the document: still readable, no longer changed, left out of searches unless asked for. */
    Document archive(DocumentId id);

    /**
     * The documents matching the query that the actor may read, by id (upload order). Searching by a linked record
     * the actor may not read finds nothing; links to records the actor may not read are left out of what it returns.
     */
    Page<Document> search(DocumentQuery query, PageRequest page);
}
