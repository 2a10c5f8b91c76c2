package io.crmkit.jdbc.internal.requirement;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.requirement.RequirementRepository;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.workflow.Priority;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.CustomerMoves;
import io.crmkit.jdbc.internal.sql.DuePages;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import io.crmkit.jdbc.internal.sql.StatusHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Customer needs in {@code requirements} with their status history in {@code requirement_history}. */
public final class JdbcRequirements implements RequirementRepository {
    private static final String COLUMNS = "id, customer_id, title, description, priority, due_date, assignee_id, status,"
            + " source_interaction, created_by, created_at, updated_at, version";

    private final Sql sql;
    private final StatusHistory<RequirementStatus> history;

    public JdbcRequirements(Sql sql) {
        this.sql = sql;
        this.history = new StatusHistory<>(sql, "requirement_history", "requirement_id", RequirementStatus.class);
    }

    @Override
    public void insert(Requirement r) {
        sql.write("insert requirement " + r.id(), () -> {
            sql.stmt("INSERT INTO {p}requirements (" + COLUMNS + ", is_open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(r.id().value()).uuid(r.customerId().value()).text(r.title()).text(r.description())
                    .enumName(r.priority()).date(r.dueDate().orElse(null)).text(r.assignee().map(UserRef::id)).enumName(r.status())
                    .uuid(r.sourceInteraction().map(InteractionId::value).orElse(null)).text(r.createdBy().id())
                    .instant(r.createdAt()).instant(r.updatedAt()).lng(r.version()).bool(r.status().isOpen())
                    .execute();
            history.insert(r.id().value(), r.history());
        });
    }

    @Override
    public void update(Requirement r) {
        sql.write("update requirement " + r.id(), () -> {
            int n = sql.stmt("UPDATE {p}requirements SET customer_id = ?, title = ?, description = ?, priority = ?,"
                            + " due_date = ?, assignee_id = ?, status = ?, source_interaction = ?, created_by = ?,"
                            + " created_at = ?, updated_at = ?, version = ?, is_open = ? WHERE id = ? AND version = ?")
                    .uuid(r.customerId().value()).text(r.title()).text(r.description())
                    .enumName(r.priority()).date(r.dueDate().orElse(null)).text(r.assignee().map(UserRef::id)).enumName(r.status())
                    .uuid(r.sourceInteraction().map(InteractionId::value).orElse(null)).text(r.createdBy().id())
                    .instant(r.createdAt()).instant(r.updatedAt()).lng(r.version()).bool(r.status().isOpen())
                    .uuid(r.id().value()).lng(r.version() - 1)
                    .execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}requirements WHERE id = ?").uuid(r.id().value())
                        .one(row -> row.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("requirement " + r.id() + " does not exist");
                }
                throw new ConflictException("requirement " + r.id() + " was changed concurrently: stored version is "
                        + stored.get() + ", the update expected " + (r.version() - 1));
            }
            history.update(r.id().value(), r.history());
        });
    }

    @Override
    public Optional<Requirement> findById(RequirementId id) {
        return sql.read("find requirement " + id, () -> load(sql.stmt("SELECT " + COLUMNS + " FROM {p}requirements WHERE id = ?")
                .uuid(id.value()).list(JdbcRequirements::readRow)).stream().findFirst());
    }

    @Override
    public Page<Requirement> openByAssignee(UserRef assignee, AccessScope scope, PageRequest page) {
        return byId("list open requirements of an assignee", " WHERE assignee_id = ? AND is_open = ?",
                s -> s.text(assignee.id()).bool(true), scope, page);
    }

    @Override
    public Page<Requirement> byCustomer(CustomerId customer, PageRequest page) {
        return byId("list requirements of customer " + customer, " WHERE customer_id = ?", s -> s.uuid(customer.value()),
                AccessScope.everything(), page);
    }

    @Override
    public Page<Requirement> overdue(LocalDate today, AccessScope scope, PageRequest page) {
        return sql.read("list overdue requirements", () -> DuePages.page(sql,
                "SELECT " + COLUMNS + " FROM {p}requirements WHERE is_open = ? AND due_date < ?",
                s -> s.bool(true).date(today), AccessSql.ofCustomer(scope, "customer_id"), false, page,
                JdbcRequirements::readRow, this::load,
                r -> new Cursor.DateKey(r.dueDate().orElse(null), r.id().value())));
    }

    private Page<Requirement> byId(String operation, String where, java.util.function.Consumer<Sql.Stmt> bind,
                                   AccessScope scope, PageRequest page) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        AccessSql.Condition access = AccessSql.ofCustomer(scope, "customer_id");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        return sql.read(operation, () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}requirements" + where + access.sql()
                    + (after.isPresent() ? " AND id > ?" : "") + " ORDER BY id LIMIT " + (page.limit() + 1));
            bind.accept(s);
            access.bind().accept(s);
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(load(s.list(JdbcRequirements::readRow)), page.limit(),
                    r -> new Cursor.IdKey(r.id().value()));
        });
    }

    /** A requirement row before its history is loaded. */
    private record Loaded(RequirementId id, CustomerId customerId, String title, Optional<String> description,
                          Priority priority, Optional<LocalDate> dueDate, Optional<UserRef> assignee,
                          RequirementStatus status, Optional<InteractionId> sourceInteraction, UserRef createdBy,
                          Instant createdAt, Instant updatedAt, long version) {
    }

    private static Loaded readRow(Row r) throws java.sql.SQLException {
        return new Loaded(new RequirementId(r.uuid("id")), new CustomerId(r.uuid("customer_id")), r.text("title"),
                r.optText("description"), r.enumValue(Priority.class, "priority"), r.optDate("due_date"),
                r.optText("assignee_id").map(UserRef::new), r.enumValue(RequirementStatus.class, "status"),
                r.optUuid("source_interaction").map(InteractionId::new), new UserRef(r.text("created_by")), r.instant("created_at"),
                r.instant("updated_at"), r.lng("version"));
    }

    private List<Requirement> load(List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(l -> l.id().value()).toList();
        Map<UUID, List<StatusChange<RequirementStatus>>> changes = history.load(ids);
        List<Requirement> out = new ArrayList<>(rows.size());
        for (Loaded l : rows) {
            out.add(new Requirement(l.id(), l.customerId(), l.title(), l.description(), l.priority(), l.dueDate(),
                    l.assignee(), l.status(), l.sourceInteraction(), changes.getOrDefault(l.id().value(), List.of()),
                    l.createdBy(), l.createdAt(), l.updatedAt(), l.version()));
        }
        return out;
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "requirements", true).move(from, to, null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "requirements", true).move(from, to, ids);
    }
}
