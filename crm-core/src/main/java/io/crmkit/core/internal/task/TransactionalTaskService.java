package io.crmkit.core.internal.task;

import io.crmkit.core.Checks;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.Assignment;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskEvent;
import io.crmkit.core.task.TaskId;
import io.crmkit.core.task.TaskService;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.StatusChange;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

public final class TransactionalTaskService implements TaskService {

    private final Engine engine;
    private final Actor actor;
    private final Guard guard;

    public TransactionalTaskService(Engine engine, Actor actor) {
        this.engine = engine;
        this.actor = actor;
        this.guard = engine.guard(actor);
    }

    @Override
    public Task create(NewTask in) {
        Objects.requireNonNull(in, "task");
        Checks checks = new Checks();
        String title = checks.required("title", in.title(), Task.MAX_TITLE);
        String description = checks.multiline("description", in.description().orElse(null), Task.MAX_TEXT);
        Assignee assignee = in.assignee().orElse(null);
        checks.throwIfAny();
        Objects.requireNonNull(title, "title"); // null only with a violation
        return engine.write(tx -> {
            guard.requireCreate(RecordKind.TASK, Optional.of(actor.user()), in.assignee().flatMap(Assignee::department),
                    "a task");
            in.customerId().ifPresent(c -> guard.require(tx.repos(), c, RecordKind.CUSTOMER, Action.READ));
            in.requirementId().ifPresent(r -> {
                Requirement req = tx.repos().requirements().require(r);
                guard.require(tx.repos(), req, req.customerId(), RecordKind.REQUIREMENT, Action.READ, "requirement " + r);
                in.customerId().filter(c -> !c.equals(req.customerId())).ifPresent(c -> {
                    throw ValidationException.of("requirementId", "other_customer", "belongs to another customer");
                });
            });
            List<Assignment> history = assignee == null ? List.of()
                    : List.of(new Assignment(assignee, actor.user(), tx.now(), Optional.empty()));
            Optional<CustomerId> customer = in.customerId();
            if (customer.isEmpty() && in.requirementId().isPresent()) {
                customer = tx.repos().requirements().findById(in.requirementId().get()).map(Requirement::customerId);
            }
            Task task = new Task(new TaskId(Ids.uuid7(engine.clock())), title, Optional.ofNullable(description),
                    customer, in.requirementId(), Optional.ofNullable(assignee), actor.user(), in.dueDate(),
                    in.priority(), engine.workflow(TaskStatus.class).initial(), 0, List.of(), history, List.of(), tx.now(), tx.now(), 1);
            tx.repos().tasks().insert(task);
            TaskChanges.record(tx, actor.user(), AuditAction.CREATE, null, task);
            tx.raise(new TaskEvent.Created(task.id(), tx.now(), actor.user()));
            if (assignee != null) {
                tx.raise(new TaskEvent.Assigned(task.id(), assignee, tx.now(), actor.user()));
            }
            return task;
        });
    }

    @Override
    public Optional<Task> get(TaskId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(repos -> repos.tasks().findById(id).filter(t -> guard.permits(repos, t, Action.READ)));
    }

    @Override
    public Task assign(TaskId id, Assignee to, @Nullable String note) {
        Objects.requireNonNull(to, "to");
        Checks checks = new Checks();
        Assignee assignee = to;
        String n = checks.multiline("note", note, Assignment.MAX_NOTE);
        checks.throwIfAny();
        Objects.requireNonNull(assignee, "assignee"); // null only with a violation
        return change(id, AuditAction.ASSIGN, (t, tx) -> {
            tx.raise(new TaskEvent.Assigned(id, assignee, tx.now(), actor.user()));
            return t.reassign(assignee, actor.user(), tx.now(), Optional.ofNullable(n));
        });
    }

    @Override
    public Task transition(TaskId id, TaskStatus to, @Nullable String comment) {
        Objects.requireNonNull(to, "to");
        String c = Checks.optionalMultiline("comment", comment, StatusChange.MAX_COMMENT);
        return change(id, AuditAction.TRANSITION, (t, tx) -> {
            Task moved = t.transition(engine.workflow(TaskStatus.class), to, actor.user(), tx.now(), Optional.ofNullable(c));
            tx.raise(new TaskEvent.Transitioned(id, t.status(), to, tx.now(), actor.user()));
            return moved;
        });
    }

    @Override
    public Task progress(TaskId id, int percent) {
        if (percent < 0 || percent > 100) {
            throw ValidationException.of("progress", "range", "must be between 0 and 100 but was " + percent);
        }
        return change(id, AuditAction.PROGRESS, (t, tx) -> {
            if (!t.status().isOpen()) {
                throw ValidationException.of("progress", "task_closed", "cannot change on a task that is " + t.status());
            }
            boolean starts = t.status() == TaskStatus.NOT_STARTED && percent > 0;
            if (starts) { // progress starts the task: a status change like any other
                engine.workflow(TaskStatus.class).check(t.status(), TaskStatus.IN_PROGRESS, "task " + id);
                tx.raise(new TaskEvent.Transitioned(id, t.status(), TaskStatus.IN_PROGRESS, tx.now(), actor.user()));
            }
            return t.progress(percent, actor.user(), tx.now());
        });
    }

    @Override
    public Task comment(TaskId id, String text) {
        Checks checks = new Checks();
        String t = text == null || text.isBlank() ? checks.required("text", text, Task.MAX_TEXT) : checks.multiline("text", text, Task.MAX_TEXT);
        checks.throwIfAny();
        Objects.requireNonNull(t, "text"); // null only with a violation
        return change(id, AuditAction.COMMENT, (task, tx) -> {
            tx.raise(new TaskEvent.Commented(id, task.comments().size() + 1, tx.now(), actor.user()));
            return task.comment(actor.user(), tx.now(), t);
        });
    }

    private Task change(TaskId id, AuditAction action, BiFunction<Task, Engine.Tx, Task> change) {
        Objects.requireNonNull(id, "id");
        return engine.change(r -> guard.require(r, r.tasks().require(id), Action.EDIT), change,
                (r, changed) -> r.tasks().update(changed),
                (tx, before, after) -> TaskChanges.record(tx, actor.user(), action, before, after));
    }

    @Override
    public Page<Task> assignedToUser(UserRef user, PageRequest page) {
        Objects.requireNonNull(user, "user");
        AccessScope scope = guard.scope(RecordKind.TASK, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.tasks().openByUser(user, scope, page));
    }

    @Override
    public Page<Task> assignedToDepartment(DepartmentRef department, PageRequest page) {
        Objects.requireNonNull(department, "department");
        AccessScope scope = guard.scope(RecordKind.TASK, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.tasks().openByDepartment(department, scope, page));
    }

    @Override
    public Page<Task> overdue(PageRequest page) {
        LocalDate today = engine.today();
        AccessScope scope = guard.scope(RecordKind.TASK, Action.READ);
        return scope.isNothing() ? Page.last(List.of()) : engine.read(repos -> repos.tasks().overdue(today, scope, page));
    }
}
