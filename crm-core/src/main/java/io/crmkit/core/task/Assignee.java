package io.crmkit.core.task;

import java.util.Optional;

/** Who a task is assigned to: a user, a department, or a user within a department. */
public record Assignee(Optional<String> userId, Optional<String> departmentId) {
    public Assignee {
        if (userId.isEmpty() && departmentId.isEmpty()) {
            throw io.crmkit.core.ValidationException.of("assignee", "required", "needs a user or a department");
        }
    }

    public static Assignee user(String userId) {
        return new Assignee(Optional.of(userId), Optional.empty());
    }

    public static Assignee department(String departmentId) {
        return new Assignee(Optional.empty(), Optional.of(departmentId));
    }

    public static Assignee userInDepartment(String userId, String departmentId) {
        return new Assignee(Optional.of(userId), Optional.of(departmentId));
    }
}
