package io.crmkit.core.security;

/** What a {@link Share} lets its grantee do with the record. */
public enum ShareAccess {
    READ,
    /** Read and edit. */
    EDIT;

    /** Whether this access allows {@code action}: reading, and for {@link #EDIT} editing too. */
    public boolean allows(Action action) {
        return action == Action.READ || (this == EDIT && action == Action.EDIT);
    }
}
