package io.crmkit.core.security;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The host's department tree, asked at run time (crmkit stores none of it): the departments directly
 * below a department. An actor with {@link AccessLevel#DEPARTMENT} sees the records of their departments
 * and of all departments below them. Implementations are thread-safe and fast; a host whose tree lives in
 * its own database caches it.
 */
@FunctionalInterface
public interface DepartmentHierarchy {
    /** Every department stands alone: a department level reaches the actor's own departments only. */
    DepartmentHierarchy FLAT = department -> Set.of();

    /** The departments directly below {@code department}; empty for a leaf or an unknown department. */
    Set<DepartmentRef> childrenOf(DepartmentRef department);

    /** A fixed tree from each department's parent, by department id: {@code "sales-east" -> "sales"}. */
    static DepartmentHierarchy ofParents(Map<String, String> parentById) {
        Map<DepartmentRef, Set<DepartmentRef>> children = new HashMap<>();
        parentById.forEach((child, parent) -> children
                .computeIfAbsent(DepartmentRef.of(Objects.requireNonNull(parent, "parent of " + child)), p -> new java.util.HashSet<>())
                .add(DepartmentRef.of(child)));
        return of(children);
    }

    /** A fixed tree from each department's children. */
    static DepartmentHierarchy of(Map<DepartmentRef, ? extends Collection<DepartmentRef>> childrenByParent) {
        Map<DepartmentRef, Set<DepartmentRef>> copy = new HashMap<>();
        childrenByParent.forEach((parent, kids) -> copy.put(parent, Set.copyOf(kids)));
        return department -> copy.getOrDefault(department, Set.of());
    }
}
