package io.crmkit.core.document;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.security.AccessScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Storage port for documents, their versions and links, and their downloads. Content is not here: it is in a
 * {@link io.crmkit.core.document.ContentStore}.
 */
public interface DocumentRepository extends CustomerReferences {
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

    /**
     * Moves the documents linked to {@code from} to {@code to} (a merge of customers), through {@link #search} and
     * {@link #update}, each at its next version. A document linked to both is left as it is, so that undoing the
     * merge cannot take its link to {@code to} away.
     */
    @Override
    default List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return moveCustomerLinks(from, to, null);
    }

    @Override
    default List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return moveCustomerLinks(from, to, Set.copyOf(ids));
    }

    private List<UUID> moveCustomerLinks(CustomerId from, CustomerId to, @Nullable Set<UUID> only) {
        DocumentLink old = DocumentLink.customer(from);
        DocumentLink moved = DocumentLink.customer(to);
        List<Document> linked = new ArrayList<>();
        DocumentQuery query = DocumentQuery.all().linkedTo(old).includingArchived();
        Optional<PageRequest> page = Optional.of(PageRequest.first(PageRequest.MAX_LIMIT));
        while (page.isPresent()) {
            Page<Document> found = search(query, AccessScope.everything(), page.get());
            linked.addAll(found.items());
            page = page.get().next(found);
        }
        List<UUID> ids = new ArrayList<>();
        for (Document d : linked) {
            if ((only == null || only.contains(d.id().value())) && !d.links().contains(moved)) {
                List<DocumentLink> links = new ArrayList<>(d.links());
                links.replaceAll(l -> l.equals(old) ? moved : l);
                update(new Document(d.id(), d.name(), d.mediaType(), d.owner(), d.department(), d.versions(), links,
                        d.archivedAt(), d.createdAt(), d.updatedAt(), d.version() + 1));
                ids.add(d.id().value());
            }
        }
        ids.sort(null);
        return ids;
    }
}
