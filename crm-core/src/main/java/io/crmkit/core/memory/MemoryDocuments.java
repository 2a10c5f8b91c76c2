package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.DocumentDownload;
import io.crmkit.core.document.DocumentId;
import io.crmkit.core.document.DocumentQuery;
import io.crmkit.core.document.DocumentRepository;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import java.util.List;
import java.util.Optional;

/** Documents with their versions and links in one table, downloads in another looked up by document. */
record MemoryDocuments(Table<Document> table, Table<DocumentDownload> downloadTable, MemoryAccess access)
        implements DocumentRepository {
    private static final Keyset<Document, Cursor.IdKey> BY_ID = Keyset.byId(d -> d.id().value());
    private static final Keyset<DocumentDownload, Cursor.IdKey> DOWNLOADS = Keyset.byId(DocumentDownload::id);

    static Table<DocumentDownload> downloads(java.util.Deque<Runnable> undo,
                                             java.util.concurrent.locks.ReentrantReadWriteLock lock) {
        return new Table<>(undo, lock, d -> List.of(), d -> List.of(d.documentId()), d -> false);
    }

    @Override
    public void insert(Document document) {
        table.insert(document.id().value(), document);
    }

    @Override
    public Optional<Document> findById(DocumentId id) {
        return table.get(id.value());
    }

    @Override
    public void update(Document document) {
        table.replace(document.id().value(), document, Document::version, "document");
    }

    @Override
    public Page<Document> search(DocumentQuery query, AccessScope scope, PageRequest page) {
        return BY_ID.page(table.all().filter(d -> query.matches(d) && access.admits(scope, d)), page);
    }

    @Override
    public void recordDownload(DocumentDownload download) {
        table.get(download.documentId().value()).orElseThrow(() -> new io.crmkit.core.NotFoundException(
                "document " + download.documentId() + " does not exist"));
        downloadTable.insert(download.id(), download);
    }

    @Override
    public Page<DocumentDownload> downloads(DocumentId id, PageRequest page) {
        return DOWNLOADS.page(downloadTable.byLookupKey(id), page);
    }
}
