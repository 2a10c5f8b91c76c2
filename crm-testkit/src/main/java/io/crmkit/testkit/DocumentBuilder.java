package io.crmkit.testkit;

import io.crmkit.core.document.Document;
import io.crmkit.core.document.DocumentId;
import io.crmkit.core.document.DocumentLink;
import io.crmkit.core.document.DocumentVersion;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Document} for tests; start one with {@link TestData#document}. It is a PDF owned by
 * {@code "agent-1"}, without department or links, with one version of 3 bytes uploaded now by its owner, version 1;
 * {@link #addVersion} adds the next one. The content keys name nothing in a content store: repositories do not read
 * them. Not thread-safe.
 */
public final class DocumentBuilder {
    private DocumentId id;
    private String name;
    private String mediaType = "application/pdf";
    private String ownerId = "agent-1";
    private @Nullable DepartmentRef department;
    private final List<DocumentVersion> versions = new ArrayList<>();
    private final List<DocumentLink> links = new ArrayList<>();
    private @Nullable Instant archivedAt;
    private Instant createdAt;
    private Instant updatedAt;
    private long version = 1;

    DocumentBuilder(DocumentId id, String name, Instant now) {
        this.id = id;
        this.name = name;
        this.createdAt = now;
        this.updatedAt = now;
        addVersion(3, now);
    }

    public DocumentBuilder id(DocumentId id) { this.id = id; return this; }
    public DocumentBuilder name(String name) { this.name = name; return this; }
    public DocumentBuilder mediaType(String mediaType) { this.mediaType = mediaType; return this; }
    public DocumentBuilder owner(String ownerId) { this.ownerId = ownerId; return this; }
    public DocumentBuilder department(@Nullable DepartmentRef department) { this.department = department; return this; }
    public DocumentBuilder link(DocumentLink link) { links.add(link); return this; }
    public DocumentBuilder archivedAt(@Nullable Instant at) { this.archivedAt = at; return this; }
    public DocumentBuilder createdAt(Instant at) { this.createdAt = at; return this; }
    public DocumentBuilder updatedAt(Instant at) { this.updatedAt = at; return this; }
    public DocumentBuilder version(long version) { this.version = version; return this; }

    /** Adds the next version: {@code size} bytes, a checksum and content key made up from its number, at {@code at}. */
    public DocumentBuilder addVersion(long size, Instant at) {
        int number = versions.size() + 1;
        String sha = String.format("%064x", number * 7919L + size);
        versions.add(new DocumentVersion(number, size, sha, UUID.nameUUIDFromBytes((id + ":" + number).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString(), UserRef.of(ownerId), at));
        return this;
    }

    public Document build() {
        return new Document(id, name, mediaType, UserRef.of(ownerId), Optional.ofNullable(department), versions, links,
                Optional.ofNullable(archivedAt), createdAt, updatedAt, version);
    }
}
