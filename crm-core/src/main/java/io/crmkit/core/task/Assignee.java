package io.crmkit.core.task;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.util.Objects;
import java.util.Optional;

/** Who a task or a service case is assigned to: a user, a department, or a user within a department. */
public record Assignee(Optional<UserRef> user, Optional<DepartmentRef> department) {
    public Assignee {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(department, "department");
        if (user.isEmpty() && department.isEmpty()) {
            throw io.crmkit.core.ValidationException.of("assignee", "required", "needs a user or a department");
        }
    }

    public static Assignee user(UserRef user) {
        return new Assignee(Optional.of(user), Optional.empty());
    }

    public static Assignee department(DepartmentRef department) {
        return new Assignee(Optional.empty(), Optional.of(department));
    }

    public static Assignee userInDepartment(UserRef user, DepartmentRef department) {
        return new Assignee(Optional.of(user), Optional.of(department));
    }

    /** {@code "user li"}, {@code "department 客服部"} or {@code "user li, department 客服部"}: as the audit trail shows it. */
    @Override
    public String toString() {
        String u = user.map(x -> "user " + x.id()).orElse("");
        String d = department.map(x -> "department " + x.id()).orElse("");
        return u.isEmpty() || d.isEmpty() ? u + d : u + ", " + d;
    }
}
