package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskId;
import io.crmkit.core.task.TaskRepository;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

record MemoryTasks(Table<Task> table, MemoryAccess access) implements TaskRepository {
    private static final Keyset<Task, Cursor.DateKey> BY_DUE =
            Keyset.byDate(t -> t.dueDate().orElse(null), t -> t.id().value());

    @Override
    public void insert(Task task) {
        table.insert(task.id().value(), task);
    }

    @Override
    public Optional<Task> findById(TaskId id) {
        return table.get(id.value());
    }

    @Override
    public void update(Task task) {
        table.replace(task.id().value(), task, Task::version, "task");
    }

    @Override
    public Page<Task> openByUser(UserRef user, AccessScope scope, PageRequest page) {
        return BY_DUE.page(table.all().filter(t -> t.status().isOpen()
                && t.assignee().flatMap(a -> a.user()).map(user::equals).orElse(false) && access.admits(scope, t)), page);
    }

    @Override
    public Page<Task> openByDepartment(DepartmentRef department, AccessScope scope, PageRequest page) {
        return BY_DUE.page(table.all().filter(t -> t.status().isOpen()
                && t.assignee().flatMap(a -> a.department()).map(department::equals).orElse(false)
                && access.admits(scope, t)), page);
    }

    @Override
    public Page<Task> overdue(LocalDate today, AccessScope scope, PageRequest page) {
        return BY_DUE.page(table.all().filter(t -> t.isOverdue(today) && access.admits(scope, t)), page);
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return table.replaceWhere(r -> r.customerId().filter(from::equals).isPresent(), r -> r.withCustomer(to), null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return table.replaceWhere(r -> r.customerId().filter(from::equals).isPresent(), r -> r.withCustomer(to), ids);
    }
}
