package io.crmkit.core.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The records a listing may return, as the access policy decided them for one actor: an adapter adds it to
 * the listing's criteria (in SQL, as conditions with bound parameters, so that pages stay full and correct).
 * A record is admitted when the scope admits every record ({@link #unrestricted()}), or its owner is {@link #owner()}, or its
 * department is one of {@link #departments()}, or it is shared with one of {@link #sharedWith()}.
 *
 * <p>What owner, department and shares are depends on the record: for a customer its owner, department
 * and customer shares; for a task its assignee user or its creator, its assignee department, and task
 * shares; for an opportunity its owner user, its department, and opportunity shares; for a campaign its owner user
 * and its department; for a document its owner user, its department, and document shares (its grants); for records
 * that belong to a customer (interactions, needs, surveys, purchases, messages,
 * service cases), those of their customer.
 *
 * @param unrestricted every record is admitted; the other components are then empty
 * @param owner       records owned by this user are admitted
 * @param departments records of these departments are admitted
 * @param sharedWith  records shared with one of these users or departments are admitted
 */
public record AccessScope(boolean unrestricted, Optional<UserRef> owner, Set<DepartmentRef> departments,
                          Set<Grantee> sharedWith) {
    private static final AccessScope EVERYTHING = new AccessScope(true, Optional.empty(), Set.of(), Set.of());
    private static final AccessScope NOTHING = new AccessScope(false, Optional.empty(), Set.of(), Set.of());

    public AccessScope {
        Objects.requireNonNull(owner, "owner");
        departments = Set.copyOf(departments);
        sharedWith = Set.copyOf(sharedWith);
        if (unrestricted && (owner.isPresent() || !departments.isEmpty() || !sharedWith.isEmpty())) {
            throw new IllegalArgumentException("a scope of everything has no other criteria");
        }
    }

    /** Every record: the system actor, a level of {@code ALL}. */
    public static AccessScope everything() {
        return EVERYTHING;
    }

    /** No record at all. */
    public static AccessScope nothing() {
        return NOTHING;
    }

    /** Whether no record can be admitted: an adapter may return an empty page without asking its store. */
    public boolean isNothing() {
        return !unrestricted && owner.isEmpty() && departments.isEmpty() && sharedWith.isEmpty();
    }

    /** Whether a record with this owner and department is admitted, shares aside. */
    public boolean admits(Optional<UserRef> recordOwner, Optional<DepartmentRef> recordDepartment) {
        return unrestricted
                || (owner.isPresent() && recordOwner.isPresent() && owner.get().equals(recordOwner.get()))
                || (recordDepartment.isPresent() && departments.contains(recordDepartment.get()));
    }

    /** Whether a share with this grantee admits its record. */
    public boolean admitsShareWith(Grantee grantee) {
        return sharedWith.contains(grantee);
    }

    /** The users among {@link #sharedWith()}. */
    public Set<UserRef> sharedWithUsers() {
        return filter(UserRef.class);
    }

    /** The departments among {@link #sharedWith()}. */
    public Set<DepartmentRef> sharedWithDepartments() {
        return filter(DepartmentRef.class);
    }

    private <G extends Grantee> Set<G> filter(Class<G> type) {
        return Set.copyOf(sharedWith.stream().filter(type::isInstance).map(type::cast).toList());
    }
}
