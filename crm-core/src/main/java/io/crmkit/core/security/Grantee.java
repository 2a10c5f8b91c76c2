package io.crmkit.core.security;

/** Who a record is shared with: a user, or every member of a department. */
public sealed interface Grantee permits UserRef, DepartmentRef {
    /** The host's id of the user or department. */
    String id();
}
