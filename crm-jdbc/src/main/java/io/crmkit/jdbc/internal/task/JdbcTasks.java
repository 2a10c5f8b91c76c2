package io.crmkit.jdbc.internal.task;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.Assignment;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskComment;
import io.crmkit.core.task.TaskId;
import io.crmkit.core.task.TaskRepository;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.CustomerMoves;
import io.crmkit.jdbc.internal.sql.DuePages;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** Tasks in {@code tasks} with comments, assignments and status history in child tables. */
public final class JdbcTasks implements TaskRepository {
    private static final String COLUMNS = "id, title, description, customer_id, requirement_id, assignee_user_id,"
            + " assignee_department_id, creator_id, due_date, priority, status, progress, created_at, updated_at, version";

    private final Sql sql;

    public JdbcTasks(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Task t) {
        sql.write("insert task " + t.id(), () -> {
            sql.stmt("INSERT INTO {p}tasks (" + COLUMNS + ", is_open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(t.id().value()).text(t.title()).text(t.description())
                    .uuid(t.customerId().map(CustomerId::value).orElse(null))
                    .uuid(t.requirementId().map(RequirementId::value).orElse(null))
                    .text(t.assignee().flatMap(Assignee::user).map(UserRef::id)).text(t.assignee().flatMap(Assignee::department).map(DepartmentRef::id))
                    .text(t.creator().id()).date(t.dueDate().orElse(null)).enumName(t.priority()).enumName(t.status())
                    .integer(t.progress()).instant(t.createdAt()).instant(t.updatedAt()).lng(t.version())
                    .bool(t.status().isOpen())
                    .execute();
            insertChildren(t);
        });
    }

    @Override
    public void update(Task t) {
        sql.write("update task " + t.id(), () -> {
            int n = sql.stmt("UPDATE {p}tasks SET title = ?, description = ?, customer_id = ?, requirement_id = ?,"
                            + " assignee_user_id = ?, assignee_department_id = ?, creator_id = ?, due_date = ?, priority = ?,"
                            + " status = ?, progress = ?, created_at = ?, updated_at = ?, version = ?, is_open = ?"
                            + " WHERE id = ? AND version = ?")
                    .text(t.title()).text(t.description())
                    .uuid(t.customerId().map(CustomerId::value).orElse(null))
                    .uuid(t.requirementId().map(RequirementId::value).orElse(null))
                    .text(t.assignee().flatMap(Assignee::user).map(UserRef::id)).text(t.assignee().flatMap(Assignee::department).map(DepartmentRef::id))
                    .text(t.creator().id()).date(t.dueDate().orElse(null)).enumName(t.priority()).enumName(t.status())
                    .integer(t.progress()).instant(t.createdAt()).instant(t.updatedAt()).lng(t.version())
                    .bool(t.status().isOpen())
                    .uuid(t.id().value()).lng(t.version() - 1)
                    .execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}tasks WHERE id = ?").uuid(t.id().value())
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("task " + t.id() + " does not exist");
                }
                throw new ConflictException("task " + t.id() + " was changed concurrently: stored version is "
                        + stored.get() + ", the update expected " + (t.version() - 1));
            }
            // comments, assignments and status changes are only ever added: write the new ones
            UUID id = t.id().value();
            long[] stored = sql.stmt("SELECT (SELECT COUNT(*) FROM {p}task_comments WHERE task_id = ?) AS c,"
                            + " (SELECT COUNT(*) FROM {p}task_assignments WHERE task_id = ?) AS a,"
                            + " (SELECT COUNT(*) FROM {p}task_status_history WHERE task_id = ?) AS h")
                    .uuid(id).uuid(id).uuid(id)
                    .one(r -> new long[] {r.lng("c"), r.lng("a"), r.lng("h")}).orElseThrow();
            if (stored[0] > t.comments().size() || stored[1] > t.assignments().size()
                    || stored[2] > t.statusHistory().size()) { // not this task's history: write it whole
                for (String child : List.of("task_comments", "task_assignments", "task_status_history")) {
                    sql.stmt("DELETE FROM {p}" + child + " WHERE task_id = ?").uuid(id).execute();
                }
                insertChildren(t, 0, 0, 0);
            } else {
                insertChildren(t, (int) stored[0], (int) stored[1], (int) stored[2]);
            }
        });
    }

    private void insertChildren(Task t) {
        insertChildren(t, 0, 0, 0);
    }

    /** Inserts the comments, assignments and status changes from the given positions on. */
    private void insertChildren(Task t, int fromComment, int fromAssignment, int fromChange) {
        UUID id = t.id().value();
        if (t.comments().size() > fromComment) {
            Sql.Batch b = sql.batch("INSERT INTO {p}task_comments (task_id, seq, author_id, commented_at, body) VALUES (?, ?, ?, ?, ?)");
            int seq = fromComment;
            for (TaskComment c : t.comments().subList(fromComment, t.comments().size())) {
                b.uuid(id).integer(seq++).text(c.author().id()).instant(c.at()).text(c.text()).add();
            }
            b.execute();
        }
        if (t.assignments().size() > fromAssignment) {
            Sql.Batch b = sql.batch("INSERT INTO {p}task_assignments (task_id, seq, user_id, department_id, by_actor_id,"
                    + " assigned_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
            int seq = fromAssignment;
            for (Assignment a : t.assignments().subList(fromAssignment, t.assignments().size())) {
                b.uuid(id).integer(seq++).text(a.to().user().map(UserRef::id)).text(a.to().department().map(DepartmentRef::id)).text(a.by().id())
                        .instant(a.at()).text(a.note()).add();
            }
            b.execute();
        }
        if (t.statusHistory().size() > fromChange) {
            Sql.Batch b = sql.batch("INSERT INTO {p}task_status_history (task_id, seq, from_status, to_status, actor_id,"
                    + " changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
            int seq = fromChange;
            for (StatusChange<TaskStatus> c : t.statusHistory().subList(fromChange, t.statusHistory().size())) {
                b.uuid(id).integer(seq++).enumName(c.from()).enumName(c.to()).text(c.actor().id()).instant(c.at())
                        .text(c.comment()).add();
            }
            b.execute();
        }
    }

    @Override
    public Optional<Task> findById(TaskId id) {
        return sql.read("find task " + id, () -> load(sql.stmt("SELECT " + COLUMNS + " FROM {p}tasks WHERE id = ?")
                .uuid(id.value()).list(JdbcTasks::readRow)).stream().findFirst());
    }

    @Override
    public Page<Task> openByUser(UserRef user, AccessScope scope, PageRequest page) {
        return open("list open tasks of a user", "assignee_user_id = ? AND is_open = ?", s -> s.text(user.id()).bool(true),
                scope, true, page);
    }

    @Override
    public Page<Task> openByDepartment(DepartmentRef department, AccessScope scope, PageRequest page) {
        return open("list open tasks of a department", "assignee_department_id = ? AND is_open = ?",
                s -> s.text(department.id()).bool(true), scope, true, page);
    }

    @Override
    public Page<Task> overdue(LocalDate today, AccessScope scope, PageRequest page) {
        return open("list overdue tasks", "is_open = ? AND due_date < ?", s -> s.bool(true).date(today), scope, false, page);
    }

    /** Open tasks matching {@code filter} that the scope admits, by due date ({@link DuePages}). */
    private Page<Task> open(String operation, String filter, Consumer<Sql.Stmt> bind, AccessScope scope, boolean undated,
                            PageRequest page) {
        return sql.read(operation, () -> DuePages.page(sql, "SELECT " + COLUMNS + " FROM {p}tasks t WHERE " + filter, bind,
                AccessSql.tasks(scope, "t"), undated, page, JdbcTasks::readRow, this::load, JdbcTasks::key));
    }

    private static Cursor.DateKey key(Task t) {
        return new Cursor.DateKey(t.dueDate().orElse(null), t.id().value());
    }

    /** A task row before its children are loaded. */
    private record Loaded(TaskId id, String title, Optional<String> description, Optional<CustomerId> customerId,
                          Optional<RequirementId> requirementId, Optional<Assignee> assignee, UserRef creator,
                          Optional<LocalDate> dueDate, Priority priority, TaskStatus status, int progress,
                          Instant createdAt, Instant updatedAt, long version) {
    }

    private static Loaded readRow(Row r) throws java.sql.SQLException {
        Optional<UserRef> user = r.optText("assignee_user_id").map(UserRef::new);
        Optional<DepartmentRef> dept = r.optText("assignee_department_id").map(DepartmentRef::new);
        Optional<Assignee> assignee = user.isEmpty() && dept.isEmpty() ? Optional.empty() : Optional.of(new Assignee(user, dept));
        return new Loaded(new TaskId(r.uuid("id")), r.text("title"), r.optText("description"),
                r.optUuid("customer_id").map(CustomerId::new), r.optUuid("requirement_id").map(RequirementId::new),
                assignee, new UserRef(r.text("creator_id")), r.optDate("due_date"), r.enumValue(Priority.class, "priority"),
                r.enumValue(TaskStatus.class, "status"), r.integer("progress"), r.instant("created_at"),
                r.instant("updated_at"), r.lng("version"));
    }

    private List<Task> load(List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(l -> l.id().value()).toList();
        String in = " WHERE task_id IN (" + Sql.marks(ids.size()) + ") ORDER BY task_id, seq";
        Map<UUID, List<TaskComment>> comments = new LinkedHashMap<>();
        sql.stmt("SELECT task_id, author_id, commented_at, body FROM {p}task_comments" + in).uuids(ids).list(r -> {
            comments.computeIfAbsent(r.uuid("task_id"), k -> new ArrayList<>())
                    .add(new TaskComment(new UserRef(r.text("author_id")), r.instant("commented_at"), r.text("body")));
            return 0;
        });
        Map<UUID, List<Assignment>> assignments = new LinkedHashMap<>();
        sql.stmt("SELECT task_id, user_id, department_id, by_actor_id, assigned_at, note FROM {p}task_assignments" + in)
                .uuids(ids).list(r -> {
                    assignments.computeIfAbsent(r.uuid("task_id"), k -> new ArrayList<>()).add(new Assignment(
                            new Assignee(r.optText("user_id").map(UserRef::new), r.optText("department_id").map(DepartmentRef::new)),
                            new UserRef(r.text("by_actor_id")),
                            r.instant("assigned_at"), r.optText("note")));
                    return 0;
                });
        Map<UUID, List<StatusChange<TaskStatus>>> history = new LinkedHashMap<>();
        sql.stmt("SELECT task_id, from_status, to_status, actor_id, changed_at, note FROM {p}task_status_history" + in)
                .uuids(ids).list(r -> {
                    history.computeIfAbsent(r.uuid("task_id"), k -> new ArrayList<>()).add(new StatusChange<>(
                            r.enumValue(TaskStatus.class, "from_status"), r.enumValue(TaskStatus.class, "to_status"),
                            new UserRef(r.text("actor_id")), r.instant("changed_at"), r.optText("note")));
                    return 0;
                });
        List<Task> out = new ArrayList<>(rows.size());
        for (Loaded l : rows) {
            UUID id = l.id().value();
            out.add(new Task(l.id(), l.title(), l.description(), l.customerId(), l.requirementId(), l.assignee(),
                    l.creator(), l.dueDate(), l.priority(), l.status(), l.progress(),
                    comments.getOrDefault(id, List.of()), assignments.getOrDefault(id, List.of()),
                    history.getOrDefault(id, List.of()), l.createdAt(), l.updatedAt(), l.version()));
        }
        return out;
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "tasks", true).move(from, to, null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "tasks", true).move(from, to, ids);
    }
}
