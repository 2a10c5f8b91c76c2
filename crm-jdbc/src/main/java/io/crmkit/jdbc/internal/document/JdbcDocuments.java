package io.crmkit.jdbc.internal.document;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.document.Document;
import io.crmkit.core.document.DocumentDownload;
import io.crmkit.core.document.DocumentId;
import io.crmkit.core.document.DocumentLink;
import io.crmkit.core.document.DocumentQuery;
import io.crmkit.core.document.DocumentRepository;
import io.crmkit.core.document.DocumentVersion;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** Documents in {@code documents}, their versions and links in child tables, downloads in {@code document_downloads}. */
public final class JdbcDocuments implements DocumentRepository {
    private static final String COLUMNS = "d.id, d.name, d.media_type, d.owner_id, d.department_id, d.archived_at,"
            + " d.created_at, d.updated_at, d.version";

    private final Sql sql;

    public JdbcDocuments(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Document d) {
        sql.write("insert document " + d.id(), () -> {
            sql.stmt("INSERT INTO {p}documents (id, name, media_type, owner_id, department_id, archived_at, created_at,"
                            + " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(d.id().value()).text(d.name()).text(d.mediaType()).text(d.owner().id())
                    .text(d.department().map(DepartmentRef::id)).instant(d.archivedAt().orElse(null))
                    .instant(d.createdAt()).instant(d.updatedAt()).lng(d.version())
                    .execute();
            insertVersions(d, 0);
            insertLinks(d);
        });
    }

    @Override
    public void update(Document d) {
        sql.write("update document " + d.id(), () -> {
            int n = sql.stmt("UPDATE {p}documents SET name = ?, media_type = ?, owner_id = ?, department_id = ?,"
                            + " archived_at = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")
                    .text(d.name()).text(d.mediaType()).text(d.owner().id()).text(d.department().map(DepartmentRef::id))
                    .instant(d.archivedAt().orElse(null)).instant(d.updatedAt()).lng(d.version())
                    .uuid(d.id().value()).lng(d.version() - 1)
                    .execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}documents WHERE id = ?").uuid(d.id().value())
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("document " + d.id() + " does not exist");
                }
                throw new ConflictException("document " + d.id() + " was changed concurrently: stored version is "
                        + stored.get() + ", the update expected " + (d.version() - 1));
            }
            // versions are only ever added: write the new ones; links are few: write them whole
            int stored = sql.stmt("SELECT COUNT(*) AS n FROM {p}document_versions WHERE document_id = ?")
                    .uuid(d.id().value()).one(r -> (int) r.lng("n")).orElse(0);
            insertVersions(d, stored);
            sql.stmt("DELETE FROM {p}document_links WHERE document_id = ?").uuid(d.id().value()).execute();
            insertLinks(d);
        });
    }

    private void insertVersions(Document d, int from) {
        if (d.versions().size() <= from) {
            return;
        }
        Sql.Batch b = sql.batch("INSERT INTO {p}document_versions (document_id, version_no, size_bytes, sha256, content_key,"
                + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (DocumentVersion v : d.versions().subList(from, d.versions().size())) {
            b.uuid(d.id().value()).integer(v.number()).lng(v.size()).text(v.sha256()).text(v.contentKey())
                    .text(v.createdBy().id()).instant(v.createdAt()).add();
        }
        b.execute();
    }

    private void insertLinks(Document d) {
        if (d.links().isEmpty()) {
            return;
        }
        Sql.Batch b = sql.batch("INSERT INTO {p}document_links (document_id, kind, record_id) VALUES (?, ?, ?)");
        for (DocumentLink l : d.links()) {
            b.uuid(d.id().value()).enumName(l.kind()).uuid(l.recordId()).add();
        }
        b.execute();
    }

    @Override
    public Optional<Document> findById(DocumentId id) {
        return sql.read("find document " + id, () -> load(sql.stmt("SELECT " + COLUMNS + " FROM {p}documents d WHERE d.id = ?")
                .uuid(id.value()).list(JdbcDocuments::readRow)).stream().findFirst());
    }

    @Override
    public Page<Document> search(DocumentQuery q, AccessScope scope, PageRequest page) {
        AccessSql.Condition access = AccessSql.documents(scope, "d");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        return sql.read("find documents", () -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Consumer<Sql.Stmt>> binds = new ArrayList<>();
            if (!q.archived()) {
                where.append(" AND d.archived_at IS NULL");
            }
            q.linkedTo().ifPresent(l -> {
                where.append(" AND d.id IN (SELECT dl.document_id FROM {p}document_links dl WHERE dl.kind = ? AND dl.record_id = ?)");
                binds.add(s -> s.enumName(l.kind()).uuid(l.recordId()));
            });
            q.owner().ifPresent(u -> {
                where.append(" AND d.owner_id = ?");
                binds.add(s -> s.text(u.id()));
            });
            q.namePrefix().ifPresent(p -> {
                where.append(" AND d.name LIKE ? ESCAPE '!'");
                binds.add(s -> s.text(Sql.escapeLike(p) + "%"));
            });
            where.append(access.sql());
            binds.add(access.bind());
            after.ifPresent(k -> {
                where.append(" AND d.id > ?");
                binds.add(s -> s.uuid(k.id()));
            });
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}documents d" + where + " ORDER BY d.id LIMIT "
                    + (page.limit() + 1));
            binds.forEach(b -> b.accept(s));
            return Cursor.page(load(s.list(JdbcDocuments::readRow)), page.limit(), d -> new Cursor.IdKey(d.id().value()));
        });
    }

    @Override
    public void recordDownload(DocumentDownload d) {
        sql.write("record a download of document " + d.documentId(), () -> sql.stmt("INSERT INTO {p}document_downloads"
                        + " (id, document_id, version_no, user_id, downloaded_at) VALUES (?, ?, ?, ?, ?)")
                .uuid(d.id()).uuid(d.documentId().value()).integer(d.version()).text(d.by().id()).instant(d.at())
                .execute());
    }

    @Override
    public Page<DocumentDownload> downloads(DocumentId id, PageRequest page) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        return sql.read("list downloads of document " + id, () -> {
            Sql.Stmt s = sql.stmt("SELECT id, document_id, version_no, user_id, downloaded_at FROM {p}document_downloads"
                    + " WHERE document_id = ?" + (after.isPresent() ? " AND id > ?" : "") + " ORDER BY id LIMIT "
                    + (page.limit() + 1)).uuid(id.value());
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(s.list(r -> new DocumentDownload(r.uuid("id"), new DocumentId(r.uuid("document_id")),
                    r.integer("version_no"), new UserRef(r.text("user_id")), r.instant("downloaded_at"))), page.limit(),
                    d -> new Cursor.IdKey(d.id()));
        });
    }

    /** A document row before its versions and links are loaded. */
    private record Loaded(DocumentId id, String name, String mediaType, UserRef owner, Optional<DepartmentRef> department,
                          Optional<Instant> archivedAt, Instant createdAt, Instant updatedAt, long version) {
    }

    private static Loaded readRow(Row r) throws java.sql.SQLException {
        return new Loaded(new DocumentId(r.uuid("id")), r.text("name"), r.text("media_type"), new UserRef(r.text("owner_id")),
                r.optText("department_id").map(DepartmentRef::new), Optional.ofNullable(r.nullableInstant("archived_at")),
                r.instant("created_at"), r.instant("updated_at"), r.lng("version"));
    }

    private List<Document> load(List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(l -> l.id().value()).toList();
        String in = " WHERE document_id IN (" + Sql.marks(ids.size()) + ")";
        Map<UUID, List<DocumentVersion>> versions = new LinkedHashMap<>();
        sql.stmt("SELECT document_id, version_no, size_bytes, sha256, content_key, created_by, created_at"
                + " FROM {p}document_versions" + in + " ORDER BY document_id, version_no").uuids(ids).list(r -> {
                    versions.computeIfAbsent(r.uuid("document_id"), k -> new ArrayList<>()).add(new DocumentVersion(
                            r.integer("version_no"), r.lng("size_bytes"), r.text("sha256"), r.text("content_key"),
                            new UserRef(r.text("created_by")), r.instant("created_at")));
                    return 0;
                });
        Map<UUID, List<DocumentLink>> links = new LinkedHashMap<>();
        sql.stmt("SELECT document_id, kind, record_id FROM {p}document_links" + in).uuids(ids).list(r -> {
            links.computeIfAbsent(r.uuid("document_id"), k -> new ArrayList<>())
                    .add(new DocumentLink(r.enumValue(RecordKind.class, "kind"), r.uuid("record_id")));
            return 0;
        });
        List<Document> out = new ArrayList<>(rows.size());
        for (Loaded l : rows) {
            out.add(new Document(l.id(), l.name(), l.mediaType(), l.owner(), l.department(),
                    versions.getOrDefault(l.id().value(), List.of()), links.getOrDefault(l.id().value(), List.of()),
                    l.archivedAt(), l.createdAt(), l.updatedAt(), l.version()));
        }
        return out;
    }
}
