package io.crmkit.core.security;

import io.crmkit.core.Checks;
import java.util.Set;

/**
 * A user of the host application: its id there, its roles and its departments. Pass one to
 * {@code crm.as(actor)} so that changes are recorded as that user's.
 */
public record Actor(String id, Set<String> roles, Set<String> departments) {
    /** The actor for work done by the system itself, the default when no user is named. */
    public static final Actor SYSTEM = new Actor("system", Set.of("system"), Set.of());

    public Actor {
        id = Checks.requireText("actor.id", id, 100);
        roles = Set.copyOf(roles);
        departments = Set.copyOf(departments);
    }

    public static Actor user(String id) {
        return new Actor(id, Set.of(), Set.of());
    }

    public Actor withRoles(String... roles) {
        return new Actor(id, Set.of(roles), departments);
    }

    public Actor inDepartments(String... departments) {
        return new Actor(id, roles, Set.of(departments));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean inDepartment(String department) {
        return departments.contains(department);
    }
}
