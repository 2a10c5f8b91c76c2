package io.crmkit.core.internal.document;

import io.crmkit.core.Checks;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.DocumentDownload;
import io.crmkit.core.document.DocumentEvent;
import io.crmkit.core.document.DocumentId;
import io.crmkit.core.document.DocumentLink;
import io.crmkit.core.document.DocumentQuery;
import io.crmkit.core.document.DocumentService;
import io.crmkit.core.document.DocumentVersion;
import io.crmkit.core.document.Download;
import io.crmkit.core.document.NewDocument;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.Grantee;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.Share;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.ShareCause;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.document.ContentStore;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.document.StoredContent;
import io.crmkit.core.task.TaskId;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Documents, each call one transaction checked by the acting user's {@link Guard}. Content is written to the store
 * before the transaction that records it, and deleted again if that transaction fails; inside a host's
 * {@code crm.inTransaction(...)} that rolls back later, the content stays as an object no document refers to.
 */
public final class TransactionalDocumentService implements DocumentService {
    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalDocumentService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    @Override
    public Document upload(NewDocument in, @Nullable InputStream content) {
        Objects.requireNonNull(in, "document");
        Checks checks = new Checks();
        String name = checks.required("name", in.name(), Document.MAX_NAME);
        String mediaType = mediaType(checks, in.mediaType());
        checks.require(content != null, "content", "required", "is required (an empty stream for an empty file)");
        checks.require(in.links().size() <= Document.MAX_LINKS, "links", "too_many",
                "at most " + Document.MAX_LINKS + " records, not " + in.links().size());
        checks.throwIfAny();
        Objects.requireNonNull(name, "name"); // null only with a violation
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(content, "content");
        UserRef owner = in.owner().orElse(actor.user());
        Optional<DepartmentRef> department = in.department();
        guard.requireCreate(RecordKind.DOCUMENT, Optional.of(owner), department, "a document"); // before storing content
        return storing(content, stored -> engine.write(tx -> {
            for (DocumentLink link : in.links()) {
                requireReadable(tx.repos(), link);
            }
            DocumentVersion first = new DocumentVersion(1, stored.size(), stored.sha256(), stored.key(), actor.user(), tx.now());
            Document document = new Document(new DocumentId(Ids.uuid7(engine.clock())), name, mediaType, owner, department,
                    List.of(first), in.links(), Optional.empty(), tx.now(), tx.now(), 1);
            tx.repos().documents().insert(document);
            DocumentChanges.record(tx, actor.user(), AuditAction.CREATE, null, document);
            tx.raise(new DocumentEvent.Uploaded(document.id(), name, tx.now(), actor.user()));
            return shown(tx.repos(), document);
        }));
    }

    @Override
    public Document addVersion(DocumentId id, @Nullable InputStream content) {
        Objects.requireNonNull(id, "id");
        if (content == null) {
            throw ValidationException.of("content", "required", "is required (an empty stream for an empty file)");
        }
        engine.read(repos -> editable(repos, id)); // refuse before storing content
        return storing(content, stored -> change(id, AuditAction.UPDATE, (d, tx) -> {
            Document next = d.addVersion(stored.size(), stored.sha256(), stored.key(), actor.user(), tx.now());
            tx.raise(new DocumentEvent.VersionAdded(id, next.currentVersion(), tx.now(), actor.user()));
            return next;
        }));
    }

    @Override
    public Optional<Document> get(DocumentId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.documents().findById(id).filter(d -> guard.permits(repos, d, Action.READ))
                .map(d -> shown(repos, d)));
    }

    @Override
    public Download open(DocumentId id) {
        return open(id, Document::current);
    }

    @Override
    public Download open(DocumentId id, int version) {
        return open(id, d -> d.version(version)
                .orElseThrow(() -> new NotFoundException("document " + id + " has no version " + version)));
    }

    /** Decides, records the download of the version {@code which} picks, and opens it once that committed. */
    private Download open(DocumentId id, Function<Document, DocumentVersion> which) {
        Objects.requireNonNull(id, "id");
        Opened opened = engine.write(tx -> {
            Document d = guard.require(tx.repos(), tx.repos().documents().require(id), Action.READ);
            DocumentVersion v = which.apply(d);
            tx.repos().documents().recordDownload(new DocumentDownload(Ids.uuid7(engine.clock()), id, v.number(),
                    actor.user(), tx.now()));
            return new Opened(shown(tx.repos(), d), v);
        });
        return new Download(opened.document(), opened.version(), store().open(opened.version().contentKey()));
    }

    /** What a download decided: the document as shown and the version to stream. */
    private record Opened(Document document, DocumentVersion version) {
    }

    @Override
    public Page<DocumentDownload> downloads(DocumentId id, PageRequest page) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(page, "page");
        return engine.read(repos -> {
            guard.require(repos, repos.documents().require(id), Action.READ);
            return repos.documents().downloads(id, page);
        });
    }

    @Override
    public Document link(DocumentId id, DocumentLink link) {
        Objects.requireNonNull(link, "link");
        return change(id, AuditAction.LINK, (d, tx) -> {
            requireReadable(tx.repos(), link);
            if (!d.links().contains(link) && d.links().size() >= Document.MAX_LINKS) {
                throw ValidationException.of("links", "too_many", "at most " + Document.MAX_LINKS + " records");
            }
            return d.link(link, tx.now());
        });
    }

    @Override
    public Document unlink(DocumentId id, DocumentLink link) {
        Objects.requireNonNull(link, "link");
        return change(id, AuditAction.UPDATE, (d, tx) -> d.unlink(link, tx.now()));
    }

    @Override
    public Share grant(DocumentId id, Grantee grantee, ShareAccess access) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(access, "access");
        return engine.write(tx -> {
            editable(tx.repos(), id);
            Share share = new Share(RecordKind.DOCUMENT, id.value(), grantee, access, ShareCause.MANUAL, actor.user(), tx.now());
            Optional<ShareAccess> before = grantOf(tx.repos(), id, grantee);
            tx.repos().shares().put(share);
            tx.audit(actor.user(), RecordKind.DOCUMENT, id.value(), AuditAction.SHARE, () -> List.of(new AuditChain.Change(
                    "grants." + granteeKey(grantee), before.map(ShareAccess::name), Optional.of(access.name()))));
            tx.raise(new DocumentEvent.Shared(id, grantee, access, tx.now(), actor.user()));
            return share;
        });
    }

    @Override
    public boolean revoke(DocumentId id, Grantee grantee) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(grantee, "grantee");
        return engine.write(tx -> {
            editable(tx.repos(), id);
            Optional<ShareAccess> before = grantOf(tx.repos(), id, grantee);
            boolean removed = tx.repos().shares().remove(RecordKind.DOCUMENT, id.value(), grantee);
            if (removed) {
                tx.audit(actor.user(), RecordKind.DOCUMENT, id.value(), AuditAction.UNSHARE, () -> List.of(
                        new AuditChain.Change("grants." + granteeKey(grantee), before.map(ShareAccess::name), Optional.empty())));
            }
            return removed;
        });
    }

    @Override
    public List<Share> grants(DocumentId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> {
            guard.require(repos, repos.documents().require(id), Action.READ);
            return repos.shares().of(RecordKind.DOCUMENT, id.value());
        });
    }

    @Override
    public Document archive(DocumentId id) {
        return change(id, AuditAction.ARCHIVE, (d, tx) -> {
            tx.raise(new DocumentEvent.Archived(id, tx.now(), actor.user()));
            return d.archive(tx.now());
        });
    }

    @Override
    public Page<Document> search(DocumentQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        AccessScope scope = guard.scope(RecordKind.DOCUMENT, Action.READ);
        if (scope.isNothing()) {
            return Page.last(List.of());
        }
        return engine.read(repos -> {
            if (query.linkedTo().isPresent() && !readable(repos, query.linkedTo().get())) {
                return Page.<Document>last(List.of()); // the link would tell that the record exists and what is on it
            }
            return repos.documents().search(query, scope, page).map(d -> shown(repos, d));
        });
    }

    /** Writes the content, runs {@code record} with what was stored, and deletes the content if it fails. */
    private Document storing(InputStream content, Function<StoredContent, Document> record) {
        ContentStore store = store();
        StoredContent stored = store.write(new LimitedInputStream(content, engine.component(DocumentConfig.class)
                .settings().maxSize()));
        try {
            return record.apply(stored);
        } catch (RuntimeException | Error e) {
            try {
                store.delete(stored.key());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** One change to a stored document the actor may edit and that is not archived; nothing written if unchanged. */
    private Document change(DocumentId id, AuditAction action, BiFunction<Document, Engine.Tx, Document> change) {
        Objects.requireNonNull(id, "id");
        return engine.write(tx -> {
            Document before = editable(tx.repos(), id);
            Document after = change.apply(before, tx);
            if (after != before) {
                tx.repos().documents().update(after);
                DocumentChanges.record(tx, actor.user(), action, before, after);
            }
            return shown(tx.repos(), after);
        });
    }

    private Document editable(Repositories repos, DocumentId id) {
        Document d = guard.require(repos, repos.documents().require(id), Action.EDIT);
        if (d.isArchived()) {
            throw ValidationException.of("document", "archived", "document " + id + " is archived and takes no changes");
        }
        return d;
    }

    private void requireReadable(Repositories repos, DocumentLink link) {
        if (!readable(repos, link)) {
            throw new NotFoundException("no " + link.kind().name().toLowerCase(Locale.ROOT) + " " + link.recordId());
        }
    }

    /** Whether the linked record exists and the actor may read it: the guard reads the record either way. */
    private boolean readable(Repositories repos, DocumentLink link) {
        return guard.permits(repos, link.kind(), link.recordId(), Action.READ);
    }

    /** The document as the actor may see it: without links to records they may not read. */
    private Document shown(Repositories repos, Document d) {
        return d.withLinksOnly(link -> readable(repos, link));
    }

    private static Optional<ShareAccess> grantOf(Repositories repos, DocumentId id, Grantee grantee) {
        return repos.shares().of(RecordKind.DOCUMENT, id.value()).stream().filter(s -> s.grantee().equals(grantee))
                .map(Share::access).findFirst();
    }

    /** "user:li" or "department:华东销售部": a grantee as the audit trail names the field. */
    private static String granteeKey(Grantee grantee) {
        return (grantee instanceof DepartmentRef ? "department:" : "user:") + grantee.id();
    }

    private ContentStore store() {
        return engine.component(DocumentConfig.class).store();
    }

    private static @Nullable String mediaType(Checks checks, @Nullable String value) {
        String type = checks.required("mediaType", value, Document.MAX_MEDIA_TYPE);
        if (type == null) {
            return null;
        }
        if (!Document.isMediaType(type)) {
            checks.require(false, "mediaType", "format", "is not a media type such as application/pdf (RFC 6838): " + type);
            return null;
        }
        int semicolon = type.indexOf(';');
        return semicolon < 0 ? type.toLowerCase(Locale.ROOT)
                : type.substring(0, semicolon).toLowerCase(Locale.ROOT) + type.substring(semicolon);
    }
}
