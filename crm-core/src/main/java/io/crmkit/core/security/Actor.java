package io.crmkit.core.security;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user of the host application acting on the CRM: who they are there, their roles and their
 * departments. Pass one to {@code crm.as(actor)} so that changes are recorded as that user's.
 *
 * @param user        the host's user
 * @param roles       the host's role names, as given
 * @param departments the departments (teams, regions) the user belongs to
 */
public record Actor(UserRef user, Set<String> roles, Set<DepartmentRef> departments) {
    /** The actor for work done by the system itself, the default when no user is named. */
    public static final Actor SYSTEM = new Actor(UserRef.of("system"), Set.of("system"), Set.of());
    /** Longest role name, in characters. */
    public static final int MAX_ROLE = 100;

    public Actor {
        Objects.requireNonNull(user, "user");
        roles = Set.copyOf(roles);
        departments = Set.copyOf(departments);
    }

    /** {@link #SYSTEM}: batch jobs and the library's own work, with every right whatever the access policy. */
    public static Actor system() {
        return SYSTEM;
    }

    /** Whether this is {@link #SYSTEM}. Hosts never give their users the system user and role together. */
    public boolean isSystem() {
        return equals(SYSTEM);
    }

    /** A user without roles or departments. */
    public static Actor user(String userId) {
        return new Actor(UserRef.of(userId), Set.of(), Set.of());
    }

    /** A user without roles or departments. */
    public static Actor of(UserRef user) {
        return new Actor(user, Set.of(), Set.of());
    }

    public Actor withRoles(String... roles) {
        return new Actor(user, Set.of(roles), departments);
    }

    public Actor inDepartments(String... departmentIds) {
        return new Actor(user, roles, Arrays.stream(departmentIds).map(DepartmentRef::of).collect(Collectors.toSet()));
    }

    public Actor inDepartments(DepartmentRef... departments) {
        return new Actor(user, roles, Set.of(departments));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean inDepartment(DepartmentRef department) {
        return departments.contains(department);
    }
}
