package io.crmkit.jdbc.internal.project;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.project.Milestone;
import io.crmkit.core.project.Project;
import io.crmkit.core.project.ProjectId;
import io.crmkit.core.project.ProjectRepository;
import io.crmkit.core.project.ProjectTask;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.task.TaskId;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Projects in {@code projects}; milestones, tasks and task dependencies in child tables, written whole on each change
 * (a project holds at most {@value Project#MAX_TASKS} tasks) and loaded for a page of projects in three queries.
 */
public final class JdbcProjects implements ProjectRepository {
    private static final String COLUMNS = "p.id, p.name, p.description, p.owner_id, p.department_id, p.created_at,"
            + " p.updated_at, p.version";

    private final Sql sql;

    public JdbcProjects(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Project p) {
        sql.write("insert project " + p.id(), () -> {
            sql.stmt("INSERT INTO {p}projects (id, name, description, owner_id, department_id, created_at, updated_at,"
                            + " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(p.id().value()).text(p.name()).text(p.description()).text(p.owner().id())
                    .text(p.department().map(DepartmentRef::id)).instant(p.createdAt()).instant(p.updatedAt())
                    .lng(p.version())
                    .execute();
            insertChildren(p);
        });
    }

    @Override
    public void update(Project p) {
        sql.write("update project " + p.id(), () -> {
            int n = sql.stmt("UPDATE {p}projects SET name = ?, description = ?, owner_id = ?, department_id = ?,"
                            + " updated_at = ?, version = ? WHERE id = ? AND version = ?")
                    .text(p.name()).text(p.description()).text(p.owner().id()).text(p.department().map(DepartmentRef::id))
                    .instant(p.updatedAt()).lng(p.version()).uuid(p.id().value()).lng(p.version() - 1)
                    .execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}projects WHERE id = ?").uuid(p.id().value())
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("no project " + p.id());
                }
                throw new ConflictException("project " + p.id() + " is at version " + stored.get()
                        + ", the update expected " + (p.version() - 1));
            }
            for (String child : List.of("project_task_dependencies", "project_tasks", "project_milestones")) {
                sql.stmt("DELETE FROM {p}" + child + " WHERE project_id = ?").uuid(p.id().value()).execute();
            }
            insertChildren(p);
        });
    }

    private void insertChildren(Project p) {
        UUID id = p.id().value();
        Map<String, Integer> milestoneSeq = new HashMap<>();
        if (!p.milestones().isEmpty()) {
            Sql.Batch b = sql.batch("INSERT INTO {p}project_milestones (project_id, seq, name, due_date) VALUES (?, ?, ?, ?)");
            int seq = 0;
            for (Milestone m : p.milestones()) {
                milestoneSeq.put(m.name(), seq);
                b.uuid(id).integer(seq++).text(m.name()).date(m.dueDate().orElse(null)).add();
            }
            b.execute();
        }
        if (!p.tasks().isEmpty()) {
            Sql.Batch b = sql.batch("INSERT INTO {p}project_tasks (project_id, seq, task_id, milestone_seq, weight)"
                    + " VALUES (?, ?, ?, ?, ?)");
            Sql.Batch deps = sql.batch("INSERT INTO {p}project_task_dependencies (project_id, task_id, depends_on_id)"
                    + " VALUES (?, ?, ?)");
            int seq = 0;
            for (ProjectTask t : p.tasks()) {
                Integer milestone = t.milestone().map(milestoneSeq::get).orElse(null);
                b.uuid(id).integer(seq++).uuid(t.taskId().value()).lng(milestone == null ? null : milestone.longValue())
                        .integer(t.weight()).add();
                for (TaskId d : t.dependsOn()) {
                    deps.uuid(id).uuid(t.taskId().value()).uuid(d.value()).add();
                }
            }
            b.execute();
            if (deps.size() > 0) {
                deps.execute();
            }
        }
    }

    @Override
    public Optional<Project> findById(ProjectId id) {
        return sql.read("find project " + id, () -> load(sql.stmt("SELECT " + COLUMNS + " FROM {p}projects p WHERE p.id = ?")
                .uuid(id.value()).list(JdbcProjects::readRow)).stream().findFirst());
    }

    @Override
    public Page<Project> list(AccessScope scope, PageRequest page) {
        AccessSql.Condition access = AccessSql.projects(scope, "p");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        return sql.read("list projects", () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}projects p WHERE 1 = 1" + access.sql()
                    + (after.isPresent() ? " AND p.id > ?" : "") + " ORDER BY p.id LIMIT " + (page.limit() + 1));
            access.bind().accept(s);
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(load(s.list(JdbcProjects::readRow)), page.limit(), p -> new Cursor.IdKey(p.id().value()));
        });
    }

    /** A project row before its milestones and tasks are loaded. */
    private record Loaded(ProjectId id, String name, Optional<String> description, UserRef owner,
                          Optional<DepartmentRef> department, Instant createdAt, Instant updatedAt, long version) {
    }

    private static Loaded readRow(Row r) throws java.sql.SQLException {
        return new Loaded(new ProjectId(r.uuid("id")), r.text("name"), r.optText("description"),
                new UserRef(r.text("owner_id")), r.optText("department_id").map(DepartmentRef::new),
                r.instant("created_at"), r.instant("updated_at"), r.lng("version"));
    }

    private record TaskRow(UUID project, TaskId task, Optional<Integer> milestone, int weight) {
    }

    private List<Project> load(List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(l -> l.id().value()).toList();
        String in = " WHERE project_id IN (" + Sql.marks(ids.size()) + ")";
        Map<UUID, List<Milestone>> milestones = new LinkedHashMap<>();
        sql.stmt("SELECT project_id, seq, name, due_date FROM {p}project_milestones" + in + " ORDER BY project_id, seq")
                .uuids(ids).list(r -> {
                    milestones.computeIfAbsent(r.uuid("project_id"), k -> new ArrayList<>())
                            .add(new Milestone(r.text("name"), r.optDate("due_date")));
                    return 0;
                });
        List<TaskRow> taskRows = sql.stmt("SELECT project_id, task_id, milestone_seq, weight FROM {p}project_tasks" + in
                + " ORDER BY project_id, seq").uuids(ids).list(r -> new TaskRow(r.uuid("project_id"),
                new TaskId(r.uuid("task_id")), r.optLong("milestone_seq").map(Long::intValue), r.integer("weight")));
        Map<UUID, Map<TaskId, Set<TaskId>>> deps = new HashMap<>();
        sql.stmt("SELECT project_id, task_id, depends_on_id FROM {p}project_task_dependencies" + in).uuids(ids).list(r -> {
            deps.computeIfAbsent(r.uuid("project_id"), k -> new HashMap<>())
                    .computeIfAbsent(new TaskId(r.uuid("task_id")), k -> new HashSet<>()).add(new TaskId(r.uuid("depends_on_id")));
            return 0;
        });
        Map<UUID, List<ProjectTask>> tasks = new LinkedHashMap<>();
        for (TaskRow t : taskRows) {
            List<Milestone> ms = milestones.getOrDefault(t.project(), List.of());
            Optional<String> milestone = t.milestone().filter(i -> i < ms.size()).map(i -> ms.get(i).name());
            Set<TaskId> dependsOn = deps.getOrDefault(t.project(), Map.of()).getOrDefault(t.task(), Set.of());
            tasks.computeIfAbsent(t.project(), k -> new ArrayList<>())
                    .add(new ProjectTask(t.task(), milestone, t.weight(), dependsOn));
        }
        List<Project> out = new ArrayList<>(rows.size());
        for (Loaded l : rows) {
            out.add(new Project(l.id(), l.name(), l.description(), l.owner(), l.department(),
                    milestones.getOrDefault(l.id().value(), List.of()), tasks.getOrDefault(l.id().value(), List.of()),
                    l.createdAt(), l.updatedAt(), l.version()));
        }
        return out;
    }
}
