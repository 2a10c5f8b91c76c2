package io.crmkit.core.document;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A file the CRM keeps: its name and media type, its versions (the content lives in a
 * {@link io.crmkit.core.document.ContentStore}), its owner and department, and the records it is linked to. Immutable;
 * behaviour methods return the changed document with the next version. An archived document is read-only.
 */
public final class Document {
    /** Longest name, in characters (code points). */
    public static final int MAX_NAME = 255;
    /** Longest media type with its parameters, in characters. */
    public static final int MAX_MEDIA_TYPE = 255;
    /** Most records one document is linked to. */
    public static final int MAX_LINKS = 100;

    /** RFC 6838 restricted-name: 1 to 127 characters, the first a letter or digit. */
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
    private static final java.util.regex.Pattern MEDIA_TYPE = java.util.regex.Pattern.compile(
            NAME + "/" + NAME + "(\\s*;\\s*" + NAME + "=(" + NAME + "|\"[^\"\\\\\\p{Cntrl}]*\"))*");

    private final DocumentId id;
    private final String name;
    private final String mediaType;
    private final UserRef owner;
    private final @Nullable DepartmentRef department;
    private final List<DocumentVersion> versions;
    private final List<DocumentLink> links;
    private final @Nullable Instant archivedAt;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    /**
     * For adapters and the document service; validation happens in the service.
     *
     * @param versions at least one, numbered 1 to n in order
     */
    public Document(DocumentId id, String name, String mediaType, UserRef owner, Optional<DepartmentRef> department,
                    List<DocumentVersion> versions, List<DocumentLink> links, Optional<Instant> archivedAt,
                    Instant createdAt, Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.department = department.orElse(null);
        this.versions = List.copyOf(versions);
        for (int i = 0; i < this.versions.size(); i++) {
            if (this.versions.get(i).number() != i + 1) {
                throw new IllegalArgumentException("versions of document " + id + " must be numbered 1 to n in order");
            }
        }
        if (this.versions.isEmpty()) {
            throw new IllegalArgumentException("document " + id + " has no version");
        }
        this.links = links.stream().distinct().sorted(LINK_ORDER).toList();
        this.archivedAt = archivedAt.orElse(null);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    /**
     * Whether {@code value} is a media type as RFC 6838 and RFC 9110 write it: {@code type/subtype}, each a restricted
     * name, optionally followed by {@code ; name=value} parameters (a value a restricted name or a quoted string), at
     * most {@value #MAX_MEDIA_TYPE} characters.
     */
    public static boolean isMediaType(String value) {
        return value.length() <= MAX_MEDIA_TYPE && MEDIA_TYPE.matcher(value).matches();
    }

    /** Links in a fixed order, so that every storage returns them alike. */
    private static final Comparator<DocumentLink> LINK_ORDER =
            Comparator.comparing(DocumentLink::kind).thenComparing(DocumentLink::recordId);

    private Document with(List<DocumentVersion> versions, List<DocumentLink> links, @Nullable Instant archivedAt,
                          Instant at) {
        return new Document(id, name, mediaType, owner, department(), versions, links, Optional.ofNullable(archivedAt),
                createdAt, at, version + 1);
    }

    /** Adds the next version, numbered one more than the current. */
    public Document addVersion(long size, String sha256, String contentKey, UserRef by, Instant at) {
        List<DocumentVersion> v = new ArrayList<>(versions);
        v.add(new DocumentVersion(versions.size() + 1, size, sha256, contentKey, by, at));
        return with(v, links, archivedAt, at);
    }

    /** Links it to one more record; unchanged (same version) if it already is. */
    public Document link(DocumentLink link, Instant at) {
        if (links.contains(link)) {
            return this;
        }
        List<DocumentLink> l = new ArrayList<>(links);
        l.add(link);
        return with(versions, l, archivedAt, at);
    }

    /** Removes a link; unchanged (same version) if there is none. */
    public Document unlink(DocumentLink link, Instant at) {
        if (!links.contains(link)) {
            return this;
        }
        return with(versions, links.stream().filter(l -> !l.equals(link)).toList(), archivedAt, at);
    }

    /** Archives it: it stays readable, and takes no new version, link or grant. */
    public Document archive(Instant at) {
        return with(versions, links, at, at);
    }

    /** The same document showing only the links {@code visible} accepts: what an actor may see of it. */
    public Document withLinksOnly(Predicate<DocumentLink> visible) {
        List<DocumentLink> shown = links.stream().filter(visible).toList();
        return shown.size() == links.size() ? this : new Document(id, name, mediaType, owner, department(), versions,
                shown, archivedAt(), createdAt, updatedAt, version);
    }

    public DocumentId id() { return id; }
    public String name() { return name; }
    /** As given at upload, type and subtype in lower case, such as {@code application/pdf}. */
    public String mediaType() { return mediaType; }
    public UserRef owner() { return owner; }
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
    /** Every version, oldest first; the last is the current one. */
    public List<DocumentVersion> versions() { return versions; }
    /** The newest version. */
    public DocumentVersion current() { return versions.get(versions.size() - 1); }
    /** The number of the newest version. */
    public int currentVersion() { return versions.size(); }

    /** The version with this number, if there is one. */
    public Optional<DocumentVersion> version(int number) {
        return number >= 1 && number <= versions.size() ? Optional.of(versions.get(number - 1)) : Optional.empty();
    }

    /** The records it is linked to, by kind and id. */
    public List<DocumentLink> links() { return links; }
    public Optional<Instant> archivedAt() { return Optional.ofNullable(archivedAt); }
    public boolean isArchived() { return archivedAt != null; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    /** The version for optimistic locking, not the content's version ({@link #currentVersion()}). */
    public long version() { return version; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Document d && d.id.equals(id) && d.version == version && d.name.equals(name)
                && d.mediaType.equals(mediaType) && d.owner.equals(owner) && Objects.equals(d.department, department)
                && d.versions.equals(versions) && d.links.equals(links) && Objects.equals(d.archivedAt, archivedAt)
                && d.createdAt.equals(createdAt) && d.updatedAt.equals(updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Document[id=" + id + ", name=" + name + ", mediaType=" + mediaType + ", versions=" + versions.size()
                + ", version=" + version + "]";
    }
}
