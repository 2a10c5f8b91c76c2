package io.crmkit.core.audit;

/** What an audit entry records was done to a record. */
public enum AuditAction {
    /** The record was made: every field it was made with is a change from nothing. */
    CREATE,
    /** Fields changed (a customer's edit or consent, an import's upsert, a requirement's details). */
    UPDATE,
    /** The record was archived: kept, but out of the default lists. */
    ARCHIVE,
    /** Two records became one. */
    MERGE,
    /** The record moved through its workflow, or a message's delivery status changed. */
    TRANSITION,
    /** The record was handed to a user or department. */
    ASSIGN,
    /** A comment was added. */
    COMMENT,
    /** A task's progress changed. */
    PROGRESS,
    /** The record was shared with a user or department. */
    SHARE,
    /** A share was withdrawn. */
    UNSHARE,
    /** The record left the library in bulk: an export, a copy of a person's data. */
    EXPORT,
    /** A person's data was erased. */
    ERASE,
    /** Another record was linked to it (an interaction or a need to a service case). */
    LINK,
    /** A merge was undone: the merged records are apart again. */
    UNMERGE
}
