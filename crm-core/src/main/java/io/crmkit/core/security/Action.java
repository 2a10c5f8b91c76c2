package io.crmkit.core.security;

/** What an actor does to a record, each granted separately by an {@link AccessPolicy}. */
public enum Action {
    READ,
    CREATE,
    EDIT,
    /** Archive or erase. */
    DELETE,
    /** Take records out of the library in bulk: exports, backups of a person's data. */
    EXPORT
}
