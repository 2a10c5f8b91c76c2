package io.crmkit.core.document;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A document to upload: {@code NewDocument.named("报价单.pdf", "application/pdf").linkTo(DocumentLink.customer(id))}.
 * Name 1 to {@value Document#MAX_NAME} characters; the media type as RFC 6838 writes it ({@code type/subtype},
 * optionally with parameters). The owner is the acting user unless {@link #owner(UserRef)} names another. Not
 * thread-safe.
 */
public final class NewDocument {
    private final @Nullable String name;
    private final @Nullable String mediaType;
    private @Nullable UserRef owner;
    private @Nullable DepartmentRef department;
    private final List<DocumentLink> links = new ArrayList<>();

    private NewDocument(@Nullable String name, @Nullable String mediaType) {
        this.name = name;
        this.mediaType = mediaType;
    }

    public static NewDocument named(@Nullable String name, @Nullable String mediaType) {
        return new NewDocument(name, mediaType);
    }

    public NewDocument owner(UserRef owner) { this.owner = Objects.requireNonNull(owner, "owner"); return this; }
    public NewDocument department(DepartmentRef department) {
        this.department = Objects.requireNonNull(department, "department");
        return this;
    }
    public NewDocument linkTo(DocumentLink link) { links.add(Objects.requireNonNull(link, "link")); return this; }

    public @Nullable String name() { return name; }
    public @Nullable String mediaType() { return mediaType; }
    public Optional<UserRef> owner() { return Optional.ofNullable(owner); }
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
    public List<DocumentLink> links() { return List.copyOf(links); }
}
