package io.crmkit.core.document;

import io.crmkit.core.security.UserRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Which documents {@code search} returns: every criterion given must hold; archived documents only with
 * {@link #includingArchived()}. Immutable: {@code DocumentQuery.all().linkedTo(DocumentLink.customer(id)).namePrefix("合同")}.
 *
 * @param linkedTo   only those linked to this record
 * @param owner      only those this user owns
 * @param namePrefix only those whose name starts with this text (exactly, case included)
 * @param archived   whether archived documents are included
 */
public record DocumentQuery(Optional<DocumentLink> linkedTo, Optional<UserRef> owner, Optional<String> namePrefix,
                            boolean archived) {
    private static final DocumentQuery ALL = new DocumentQuery(Optional.empty(), Optional.empty(), Optional.empty(), false);

    public DocumentQuery {
        Objects.requireNonNull(linkedTo, "linkedTo");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(namePrefix, "namePrefix");
    }

    /** Every document that is not archived. */
    public static DocumentQuery all() {
        return ALL;
    }

    public DocumentQuery linkedTo(DocumentLink link) {
        return new DocumentQuery(Optional.of(link), owner, namePrefix, archived);
    }

    public DocumentQuery owner(UserRef user) {
        return new DocumentQuery(linkedTo, Optional.of(user), namePrefix, archived);
    }

    public DocumentQuery namePrefix(String prefix) {
        return new DocumentQuery(linkedTo, owner, Optional.of(prefix), archived);
    }

    public DocumentQuery includingArchived() {
        return new DocumentQuery(linkedTo, owner, namePrefix, true);
    }

    /** Whether the document meets every criterion (access aside): the meaning storage implements. */
    public boolean matches(Document d) {
        return (archived || !d.isArchived())
                && linkedTo.map(l -> d.links().contains(l)).orElse(true)
                && owner.map(u -> u.equals(d.owner())).orElse(true)
                && namePrefix.map(p -> d.name().startsWith(p)).orElse(true);
    }
}
