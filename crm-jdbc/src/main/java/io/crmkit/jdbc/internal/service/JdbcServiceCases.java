package io.crmkit.jdbc.internal.service;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.service.CaseResponses;
import io.crmkit.core.service.ServiceCase;
import io.crmkit.core.service.ServiceCaseId;
import io.crmkit.core.service.ServiceCaseOrigin;
import io.crmkit.core.service.ServiceCaseQuery;
import io.crmkit.core.service.ServiceCaseRepository;
import io.crmkit.core.service.ServiceCaseStatus;
import io.crmkit.core.service.SlaMarks;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.CustomerMoves;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import io.crmkit.jdbc.internal.sql.StatusHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Service cases in {@code service_cases}, their status history in {@code service_case_history} and their links to
 * interactions and needs in {@code service_case_links}.
 */
public final class JdbcServiceCases implements ServiceCaseRepository {
    private static final String COLUMNS = "id, customer_id, subject, description, origin, case_type, priority, status,"
            + " assignee_user_id, assignee_department_id, parent_id, created_by, created_at, updated_at, version,"
            + " first_response_at, awaited_since, next_response_at, sla_policy, sla_due_at, sla_warn_at, sla_check_at,"
            + " sla_breached_at, sla_warned, sla_breached";
    private static final String INTERACTION = "INTERACTION";
    private static final String REQUIREMENT = "REQUIREMENT";

    private final Sql sql;
    private final StatusHistory<ServiceCaseStatus> history;

    public JdbcServiceCases(Sql sql) {
        this.sql = sql;
        this.history = new StatusHistory<>(sql, "service_case_history", "case_id", ServiceCaseStatus.class);
    }

    @Override
    public void insert(ServiceCase c) {
        sql.write("insert service case " + c.id(), () -> {
            bindRow(sql.stmt("INSERT INTO {p}service_cases (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(c.id().value()).uuid(c.customerId().value()), c)
                    .execute();
            history.insert(c.id().value(), c.history());
            insertLinks(c.id().value(), INTERACTION, ids(c.interactionIds(), InteractionId::value), 0);
            insertLinks(c.id().value(), REQUIREMENT, ids(c.requirementIds(), RequirementId::value), 0);
        });
    }

    /** Binds the columns after id and customer_id, in the order of {@link #COLUMNS}. */
    private static Sql.Stmt bindRow(Sql.Stmt s, ServiceCase c) {
        return s.text(c.subject()).text(c.description()).enumName(c.origin()).text(c.type()).enumName(c.priority())
                .enumName(c.status()).text(c.assignee().flatMap(Assignee::user).map(UserRef::id))
                .text(c.assignee().flatMap(Assignee::department).map(DepartmentRef::id))
                .uuid(c.parentId().map(ServiceCaseId::value).orElse(null)).text(c.createdBy().id())
                .instant(c.createdAt()).instant(c.updatedAt()).lng(c.version())
                .instant(c.responses().firstResponseAt().orElse(null)).instant(c.responses().awaitedSince().orElse(null))
                .instant(c.responses().nextResponseAt().orElse(null)).text(c.sla().policy())
                .instant(c.sla().dueAt().orElse(null)).instant(c.sla().warningAt().orElse(null))
                .instant(c.sla().checkAt().orElse(null)).instant(c.sla().breachedAt().orElse(null))
                .integer(SlaMarks.bits(c.sla().warned())).integer(SlaMarks.bits(c.sla().breached()));
    }

    @Override
    public void update(ServiceCase c) {
        UUID id = c.id().value();
        sql.write("update service case " + c.id(), () -> {
            int n = bindRow(sql.stmt("UPDATE {p}service_cases SET customer_id = ?, subject = ?, description = ?, origin = ?,"
                            + " case_type = ?, priority = ?, status = ?, assignee_user_id = ?, assignee_department_id = ?,"
                            + " parent_id = ?, created_by = ?, created_at = ?, updated_at = ?, version = ?,"
                            + " first_response_at = ?, awaited_since = ?, next_response_at = ?, sla_policy = ?, sla_due_at = ?,"
                            + " sla_warn_at = ?, sla_check_at = ?, sla_breached_at = ?, sla_warned = ?, sla_breached = ?"
                            + " WHERE id = ? AND version = ?").uuid(c.customerId().value()), c)
                    .uuid(id).lng(c.version() - 1)
                    .execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}service_cases WHERE id = ?").uuid(id)
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("service case " + c.id() + " does not exist");
                }
                throw new ConflictException("service case " + c.id() + " was changed concurrently: stored version is "
                        + stored.get() + ", the update expected " + (c.version() - 1));
            }
            history.update(id, c.history());
            Map<String, List<UUID>> links = links(List.of(id)).getOrDefault(id, Map.of());
            replaceLinks(id, INTERACTION, links.getOrDefault(INTERACTION, List.of()), ids(c.interactionIds(), InteractionId::value));
            replaceLinks(id, REQUIREMENT, links.getOrDefault(REQUIREMENT, List.of()), ids(c.requirementIds(), RequirementId::value));
        });
    }

    /** Links are added one by one: append the new ones; anything else (a repository caller's own list) rewrites them. */
    private void replaceLinks(UUID id, String kind, List<UUID> stored, List<UUID> now) {
        if (now.size() >= stored.size() && now.subList(0, stored.size()).equals(stored)) {
            insertLinks(id, kind, now, stored.size());
        } else {
            sql.stmt("DELETE FROM {p}service_case_links WHERE case_id = ? AND link_kind = ?").uuid(id).text(kind).execute();
            insertLinks(id, kind, now, 0);
        }
    }

    private void insertLinks(UUID id, String kind, List<UUID> linked, int from) {
        if (linked.size() <= from) {
            return;
        }
        Sql.Batch b = sql.batch("INSERT INTO {p}service_case_links (case_id, link_kind, seq, linked_id) VALUES (?, ?, ?, ?)");
        for (int seq = from; seq < linked.size(); seq++) {
            b.uuid(id).text(kind).integer(seq).uuid(linked.get(seq)).add();
        }
        b.execute();
    }

    private static <T> List<UUID> ids(List<T> values, java.util.function.Function<T, UUID> id) {
        return values.stream().map(id).toList();
    }

    @Override
    public Optional<ServiceCase> findById(ServiceCaseId id) {
        return sql.read("find service case " + id, () -> load(sql.stmt("SELECT " + COLUMNS + " FROM {p}service_cases WHERE id = ?")
                .uuid(id.value()).list(JdbcServiceCases::readRow)).stream().findFirst());
    }

    @Override
    public Page<ServiceCase> search(ServiceCaseQuery query, AccessScope scope, PageRequest page) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        Optional<Filter> filter = filter(query, scope);
        if (filter.isEmpty()) {
            return Page.last(List.of());
        }
        Filter f = filter.get();
        return sql.read("search service cases", () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}service_cases" + f.where()
                    + (after.isPresent() ? " AND id > ?" : "") + " ORDER BY id LIMIT " + (page.limit() + 1));
            f.bind().accept(s);
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(load(s.list(JdbcServiceCases::readRow)), page.limit(), c -> new Cursor.IdKey(c.id().value()));
        });
    }

    @Override
    public long count(ServiceCaseQuery query, AccessScope scope) {
        Optional<Filter> filter = filter(query, scope);
        if (filter.isEmpty()) {
            return 0;
        }
        return sql.read("count service cases", () -> {
            Sql.Stmt s = sql.stmt("SELECT COUNT(*) AS n FROM {p}service_cases" + filter.get().where());
            filter.get().bind().accept(s);
            return s.one(r -> r.lng("n")).orElse(0L);
        });
    }

    /** The WHERE clause (with the access conditions) of a query and what it binds; empty when nothing can match. */
    private record Filter(String where, Consumer<Sql.Stmt> bind) {
    }

    private static Optional<Filter> filter(ServiceCaseQuery query, AccessScope scope) {
        AccessSql.Condition access = AccessSql.ofCustomer(scope, "customer_id");
        Set<ServiceCaseStatus> statuses = query.admittedStatuses();
        if (access.nothing() || query.restrictsStatus() && statuses.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Consumer<Sql.Stmt>> binds = new ArrayList<>();
        query.customerId().ifPresent(c -> criterion(where, binds, " AND customer_id = ?", s -> s.uuid(c.value())));
        if (query.restrictsStatus()) {
            List<ServiceCaseStatus> in = statuses.stream().sorted().toList();
            criterion(where, binds, " AND status IN (" + Sql.marks(in.size()) + ")", s -> in.forEach(s::enumName));
        }
        query.assigneeUser().ifPresent(u -> criterion(where, binds, " AND assignee_user_id = ?", s -> s.text(u.id())));
        query.assigneeDepartment().ifPresent(d -> criterion(where, binds, " AND assignee_department_id = ?", s -> s.text(d.id())));
        query.priority().ifPresent(p -> criterion(where, binds, " AND priority = ?", s -> s.enumName(p)));
        query.type().ifPresent(t -> criterion(where, binds, " AND case_type = ?", s -> s.text(t)));
        query.parentId().ifPresent(p -> criterion(where, binds, " AND parent_id = ?", s -> s.uuid(p.value())));
        query.createdFrom().ifPresent(f -> criterion(where, binds, " AND created_at >= ?", s -> s.instant(f)));
        query.createdTo().ifPresent(t -> criterion(where, binds, " AND created_at < ?", s -> s.instant(t)));
        return Optional.of(new Filter(where + access.sql(), s -> {
            binds.forEach(b -> b.accept(s));
            access.bind().accept(s);
        }));
    }

    @Override
    public Page<ServiceCase> dueBefore(Instant instant, AccessScope scope, PageRequest page) {
        return byTime("sla_due_at", " AND sla_due_at < ?", s -> s.instant(instant), scope, page, c -> c.sla().dueAt());
    }

    @Override
    public Page<ServiceCase> breachedBetween(Instant from, Instant to, AccessScope scope, PageRequest page) {
        return byTime("sla_breached_at", " AND sla_breached_at >= ? AND sla_breached_at < ?", s -> s.instant(from).instant(to),
                scope, page, c -> c.sla().breachedAt());
    }

    /** Cases in a range of {@code column}, earliest first then by id, in keyset pages. */
    private Page<ServiceCase> byTime(String column, String range, Consumer<Sql.Stmt> bindRange, AccessScope scope,
                                     PageRequest page, java.util.function.Function<ServiceCase, Optional<Instant>> time) {
        Optional<Cursor.TimeKey> after = page.cursor().map(Cursor::timeKey);
        AccessSql.Condition access = AccessSql.ofCustomer(scope, "customer_id");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        return sql.read("list service cases by " + column, () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}service_cases WHERE " + column + " IS NOT NULL" + range
                    + access.sql() + (after.isPresent() ? " AND (" + column + " > ? OR (" + column + " = ? AND id > ?))" : "")
                    + " ORDER BY " + column + ", id LIMIT " + (page.limit() + 1));
            bindRange.accept(s);
            access.bind().accept(s);
            after.ifPresent(k -> s.instant(k.at()).instant(k.at()).uuid(k.id()));
            return Cursor.page(load(s.list(JdbcServiceCases::readRow)), page.limit(),
                    c -> new Cursor.TimeKey(time.apply(c).orElseThrow(), c.id().value()));
        });
    }

    @Override
    public List<ServiceCase> slaCheckDue(Instant now, Optional<CheckPosition> after, int limit) {
        String past = after.isEmpty() ? "" : " AND (sla_check_at > ? OR (sla_check_at = ? AND id > ?))";
        return sql.read("find service cases to check", () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}service_cases WHERE sla_check_at <= ?" + past
                    + " ORDER BY sla_check_at, id LIMIT " + limit).instant(now);
            after.ifPresent(a -> s.instant(a.checkAt()).instant(a.checkAt()).uuid(a.id().value()));
            return load(s.list(JdbcServiceCases::readRow));
        });
    }


    private static void criterion(StringBuilder where, List<Consumer<Sql.Stmt>> binds, String sql, Consumer<Sql.Stmt> bind) {
        where.append(sql);
        binds.add(bind);
    }

    /** A case row before its history and links are loaded. */
    private record Loaded(ServiceCaseId id, CustomerId customerId, String subject, Optional<String> description,
                          ServiceCaseOrigin origin, String type, Priority priority, ServiceCaseStatus status,
                          Optional<Assignee> assignee, Optional<ServiceCaseId> parentId, UserRef createdBy,
                          Instant createdAt, Instant updatedAt, long version, CaseResponses responses, SlaMarks sla) {
    }

    private static Loaded readRow(Row r) throws java.sql.SQLException {
        Optional<UserRef> user = r.optText("assignee_user_id").map(UserRef::new);
        Optional<DepartmentRef> department = r.optText("assignee_department_id").map(DepartmentRef::new);
        Optional<Assignee> assignee = user.isEmpty() && department.isEmpty() ? Optional.empty()
                : Optional.of(new Assignee(user, department));
        return new Loaded(new ServiceCaseId(r.uuid("id")), new CustomerId(r.uuid("customer_id")), r.text("subject"),
                r.optText("description"), r.enumValue(ServiceCaseOrigin.class, "origin"), r.text("case_type"),
                r.enumValue(Priority.class, "priority"), r.enumValue(ServiceCaseStatus.class, "status"), assignee,
                r.optUuid("parent_id").map(ServiceCaseId::new), new UserRef(r.text("created_by")), r.instant("created_at"),
                r.instant("updated_at"), r.lng("version"),
                new CaseResponses(opt(r, "first_response_at"), opt(r, "awaited_since"), opt(r, "next_response_at")),
                new SlaMarks(r.optText("sla_policy"), opt(r, "sla_due_at"), opt(r, "sla_warn_at"), opt(r, "sla_check_at"),
                        opt(r, "sla_breached_at"), SlaMarks.metrics(r.integer("sla_warned")),
                        SlaMarks.metrics(r.integer("sla_breached"))));
    }

    private static Optional<Instant> opt(Row r, String column) throws java.sql.SQLException {
        return Optional.ofNullable(r.nullableInstant(column));
    }

    /** The links of these cases: by case, by kind, in order. */
    private Map<UUID, Map<String, List<UUID>>> links(List<UUID> ids) {
        Map<UUID, Map<String, List<UUID>>> links = new LinkedHashMap<>();
        sql.stmt("SELECT case_id, link_kind, linked_id FROM {p}service_case_links WHERE case_id IN (" + Sql.marks(ids.size())
                + ") ORDER BY case_id, link_kind, seq").uuids(ids).list(r -> {
                    links.computeIfAbsent(r.uuid("case_id"), k -> new LinkedHashMap<>())
                            .computeIfAbsent(r.text("link_kind"), k -> new ArrayList<>()).add(r.uuid("linked_id"));
                    return 0;
                });
        return links;
    }

    private List<ServiceCase> load(List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(l -> l.id().value()).toList();
        Map<UUID, List<StatusChange<ServiceCaseStatus>>> changes = history.load(ids);
        Map<UUID, Map<String, List<UUID>>> links = links(ids);
        List<ServiceCase> out = new ArrayList<>(rows.size());
        for (Loaded l : rows) {
            UUID id = l.id().value();
            Map<String, List<UUID>> linked = links.getOrDefault(id, Map.of());
            out.add(new ServiceCase(l.id(), l.customerId(), l.subject(), l.description(), l.origin(), l.type(), l.priority(),
                    l.status(), l.assignee(), l.parentId(),
                    linked.getOrDefault(INTERACTION, List.of()).stream().map(InteractionId::new).toList(),
                    linked.getOrDefault(REQUIREMENT, List.of()).stream().map(RequirementId::new).toList(),
                    changes.getOrDefault(id, List.of()), l.createdBy(), l.createdAt(), l.updatedAt(), l.version(),
                    l.responses(), l.sla()));
        }
        return out;
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "service_cases", true).move(from, to, null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "service_cases", true).move(from, to, ids);
    }
}
