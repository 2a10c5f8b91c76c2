package io.crmkit.core.security;

import io.crmkit.core.Checks;

/**
 * A department (team, region) of the host application, by the id the host knows it by.
 *
 * @param id the host's department id: 1 to {@value #MAX_LENGTH} characters, trimmed, no control characters
 */
public record DepartmentRef(String id) implements Grantee {
    public static final int MAX_LENGTH = 100;

    public DepartmentRef {
        if (!Checks.isCleanText(id, MAX_LENGTH)) { // the common case, ids read back from storage, allocates nothing
            id = Checks.requireText("departmentId", id, MAX_LENGTH);
        }
    }

    public static DepartmentRef of(String id) {
        return new DepartmentRef(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
