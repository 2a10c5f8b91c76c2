package io.crmkit.core.security;

/**
 * How far a granted action reaches, from nothing to every record. Ordered: each level admits what the
 * levels before it admit.
 */
public enum AccessLevel {
    /** No record (shares aside). */
    NONE,
    /** Records the actor owns: customers whose owner they are, tasks assigned to or created by them. */
    OWN,
    /**
     * As {@link #OWN}, and records of the actor's departments and of every department below them in the
     * {@link DepartmentHierarchy}: a manager of a department sees its teams' records.
     */
    DEPARTMENT,
    /** Every record. */
    ALL;

    /** The wider of the two levels. */
    public AccessLevel max(AccessLevel other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
