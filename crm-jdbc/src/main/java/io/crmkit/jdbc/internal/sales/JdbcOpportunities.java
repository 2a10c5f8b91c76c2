package io.crmkit.jdbc.internal.sales;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.StorageException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.sales.ForecastCategory;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.ForecastSnapshot;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.sales.OpportunityQuery;
import io.crmkit.core.sales.OpportunityRepository;
import io.crmkit.core.sales.StageChange;
import io.crmkit.core.sales.StageOutcome;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.CustomerMoves;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Opportunities in {@code opportunities}, their stage history in {@code opportunity_stage_changes}. Forecasts are
 * one {@code GROUP BY} statement over the admitted rows, by year and month of the expected close date, so what comes
 * back grows with the months and groups, not with the opportunities.
 */
public final class JdbcOpportunities implements OpportunityRepository {
    private static final String COLUMNS = "o.id, o.customer_id, o.name, o.amount, o.amount_scale, o.currency,"
            + " o.expected_close, o.pipeline_code, o.stage_code, o.probability, o.category, o.owner_id, o.department_id,"
            + " o.source_campaign, o.lost_reason, o.created_at, o.updated_at, o.last_activity_at, o.version";

    private final Sql sql;
    private final JdbcForecastSnapshots snapshots;

    public JdbcOpportunities(Sql sql) {
        this.sql = sql;
        this.snapshots = new JdbcForecastSnapshots(sql);
    }

    @Override
    public void replaceSnapshot(LocalDate week, Instant takenAt, List<ForecastRow> rows) {
        snapshots.replace(week, takenAt, rows);
    }

    @Override
    public Optional<ForecastSnapshot> snapshot(LocalDate week) {
        return snapshots.find(week);
    }

    @Override
    public List<LocalDate> snapshotWeeks(LocalDate from, LocalDate to) {
        return snapshots.weeks(from, to);
    }

    @Override
    public void insert(Opportunity o) {
        sql.write("insert opportunity " + o.id(), () -> {
            sql.stmt("INSERT INTO {p}opportunities (id, customer_id, name, amount, amount_scale, currency, expected_close,"
                            + " pipeline_code, stage_code, probability, category, is_open, owner_id, department_id, source_campaign,"
                            + " lost_reason, created_at, updated_at, last_activity_at, version)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(o.id().value()).uuid(o.customerId().value()).text(o.name()).decimal(o.amount())
                    .integer(o.amount().scale()).text(o.currency().getCurrencyCode()).date(o.expectedClose())
                    .text(o.pipelineCode()).text(o.stageCode()).decimal(o.probability()).enumName(o.category())
                    .bool(o.isOpen()).text(o.owner().id()).text(o.department().map(DepartmentRef::id))
                    .uuid(o.sourceCampaign().map(CampaignId::value).orElse(null)).text(o.lostReason())
                    .instant(o.createdAt()).instant(o.updatedAt()).instant(o.lastActivityAt()).lng(o.version())
                    .execute();
            insertHistory(o, 0);
        });
    }

    @Override
    public void update(Opportunity o) {
        sql.write("update opportunity " + o.id(), () -> {
            int n = sql.stmt("UPDATE {p}opportunities SET customer_id = ?, name = ?, amount = ?, amount_scale = ?, currency = ?,"
                            + " expected_close = ?, pipeline_code = ?, stage_code = ?, probability = ?, category = ?, is_open = ?,"
                            + " owner_id = ?, department_id = ?, source_campaign = ?, lost_reason = ?, created_at = ?,"
                            + " updated_at = ?, last_activity_at = ?, version = ? WHERE id = ? AND version = ?")
                    .uuid(o.customerId().value()).text(o.name()).decimal(o.amount()).integer(o.amount().scale())
                    .text(o.currency().getCurrencyCode()).date(o.expectedClose()).text(o.pipelineCode()).text(o.stageCode())
                    .decimal(o.probability()).enumName(o.category()).bool(o.isOpen()).text(o.owner().id())
                    .text(o.department().map(DepartmentRef::id)).uuid(o.sourceCampaign().map(CampaignId::value).orElse(null))
                    .text(o.lostReason()).instant(o.createdAt()).instant(o.updatedAt()).instant(o.lastActivityAt())
                    .lng(o.version()).uuid(o.id().value()).lng(o.version() - 1)
                    .execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}opportunities WHERE id = ?").uuid(o.id().value())
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("opportunity " + o.id() + " does not exist");
                }
                throw new ConflictException("opportunity " + o.id() + " was changed concurrently: stored version is "
                        + stored.get() + ", the update expected " + (o.version() - 1));
            }
            // the history only grows: write the new changes, or all of it if it is not this one's continuation
            long stored = sql.stmt("SELECT COUNT(*) AS n FROM {p}opportunity_stage_changes WHERE opportunity_id = ?")
                    .uuid(o.id().value()).one(r -> r.lng("n")).orElse(0L);
            if (stored > o.stageHistory().size()) {
                sql.stmt("DELETE FROM {p}opportunity_stage_changes WHERE opportunity_id = ?").uuid(o.id().value()).execute();
                insertHistory(o, 0);
            } else {
                insertHistory(o, (int) stored);
            }
        });
    }

    private void insertHistory(Opportunity o, int from) {
        List<StageChange> history = o.stageHistory();
        if (history.size() <= from) {
            return;
        }
        Sql.Batch b = sql.batch("INSERT INTO {p}opportunity_stage_changes (opportunity_id, seq, from_stage, to_stage, actor_id,"
                + " changed_at, probability, amount, amount_scale, currency, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int seq = from; seq < history.size(); seq++) {
            StageChange c = history.get(seq);
            b.uuid(o.id().value()).integer(seq).text(c.from()).text(c.to()).text(c.actor().id()).instant(c.at())
                    .decimal(c.probability()).decimal(c.amount()).integer(c.amount().scale())
                    .text(c.currency().getCurrencyCode()).text(c.comment()).add();
        }
        b.execute();
    }

    @Override
    public Optional<Opportunity> findById(OpportunityId id) {
        return sql.read("find opportunity " + id, () -> load(sql.stmt("SELECT " + COLUMNS + " FROM {p}opportunities o WHERE o.id = ?")
                .uuid(id.value()).list(JdbcOpportunities::readRow)).stream().findFirst());
    }

    @Override
    public Page<Opportunity> search(OpportunityQuery q, AccessScope scope, PageRequest page) {
        AccessSql.Condition access = AccessSql.opportunities(scope, "o");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        Optional<Cursor.DateKey> after = page.cursor().map(Cursor::dateKey);
        if (after.isPresent() && after.get().date() == null) {
            throw io.crmkit.core.ValidationException.of("cursor", "format", "is not a cursor returned by this list");
        }
        return sql.read("find opportunities", () -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Consumer<Sql.Stmt>> binds = new ArrayList<>();
            criteria(q, where, binds);
            where.append(access.sql());
            binds.add(access.bind());
            after.ifPresent(k -> {
                where.append(" AND (o.expected_close > ? OR (o.expected_close = ? AND o.id > ?))");
                binds.add(s -> s.date(k.date()).date(k.date()).uuid(k.id()));
            });
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}opportunities o" + where
                    + " ORDER BY o.expected_close, o.id LIMIT " + (page.limit() + 1));
            binds.forEach(b -> b.accept(s));
            return Cursor.page(load(s.list(JdbcOpportunities::readRow)), page.limit(),
                    o -> new Cursor.DateKey(o.expectedClose(), o.id().value()));
        });
    }

    private static void criteria(OpportunityQuery q, StringBuilder where, List<Consumer<Sql.Stmt>> binds) {
        q.customerId().ifPresent(c -> {
            where.append(" AND o.customer_id = ?");
            binds.add(s -> s.uuid(c.value()));
        });
        q.owner().ifPresent(u -> {
            where.append(" AND o.owner_id = ?");
            binds.add(s -> s.text(u.id()));
        });
        q.department().ifPresent(d -> {
            where.append(" AND o.department_id = ?");
            binds.add(s -> s.text(d.id()));
        });
        q.pipeline().ifPresent(p -> {
            where.append(" AND o.pipeline_code = ?");
            binds.add(s -> s.text(p));
        });
        if (!q.stages().isEmpty()) {
            List<String> stages = q.stages().stream().sorted().toList();
            where.append(" AND o.stage_code IN (").append(Sql.marks(stages.size())).append(")");
            binds.add(s -> stages.forEach(s::text));
        }
        if (q.onlyOpen()) {
            where.append(" AND o.is_open = ?");
            binds.add(s -> s.bool(true));
        }
        closing(q.closeFrom(), q.closeTo(), where, binds);
        if (!q.idleBefore().isEmpty()) {
            List<Map.Entry<String, Instant>> idle = q.idleBefore().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
            where.append(" AND o.is_open = ? AND (");
            for (int i = 0; i < idle.size(); i++) {
                where.append(i == 0 ? "" : " OR ").append("(o.stage_code = ? AND o.last_activity_at < ?)");
            }
            where.append(')');
            binds.add(s -> {
                s.bool(true);
                idle.forEach(e -> s.text(e.getKey()).instant(e.getValue()));
            });
        }
    }

    private static void closing(Optional<LocalDate> from, Optional<LocalDate> to, StringBuilder where,
                                List<Consumer<Sql.Stmt>> binds) {
        from.ifPresent(f -> {
            where.append(" AND o.expected_close >= ?");
            binds.add(s -> s.date(f));
        });
        to.ifPresent(t -> {
            where.append(" AND o.expected_close < ?");
            binds.add(s -> s.date(t));
        });
    }

    @Override
    public List<ForecastRow> forecastByMonth(ForecastQuery q, AccessScope scope) {
        AccessSql.Condition access = AccessSql.opportunities(scope, "o");
        if (access.nothing()) {
            return List.of();
        }
        return sql.read("sum the forecast", () -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Consumer<Sql.Stmt>> binds = new ArrayList<>();
            q.pipeline().ifPresent(p -> {
                where.append(" AND o.pipeline_code = ?");
                binds.add(s -> s.text(p));
            });
            closing(q.closeFrom(), q.closeTo(), where, binds);
            where.append(access.sql());
            binds.add(access.bind());
            String group = switch (q.groupBy()) {
                case NONE -> "";
                case OWNER -> ", o.owner_id";
                case DEPARTMENT -> ", o.department_id";
                case OWNER_AND_DEPARTMENT -> ", o.owner_id, o.department_id";
            };
            String year = "EXTRACT(YEAR FROM o.expected_close)";
            String month = "EXTRACT(MONTH FROM o.expected_close)";
            Sql.Stmt s = sql.stmt("SELECT " + year + " AS y, " + month + " AS m" + group + ", o.category, o.currency,"
                    + " COUNT(*) AS n, SUM(o.amount) AS total, SUM(o.amount * o.probability) AS weighted"
                    + " FROM {p}opportunities o" + where
                    + " GROUP BY " + year + ", " + month + group + ", o.category, o.currency");
            binds.forEach(b -> b.accept(s));
            return s.list(r -> new ForecastRow(LocalDate.of(r.integer("y"), r.integer("m"), 1),
                    q.groupBy().byOwner() ? Optional.of(new UserRef(r.text("owner_id"))) : Optional.empty(),
                    q.groupBy().byDepartment() ? r.optText("department_id").map(DepartmentRef::new) : Optional.empty(),
                    Optional.of(r.enumValue(ForecastCategory.class, "category")), Currency.getInstance(r.text("currency").strip()),
                    r.lng("n"), r.decimal("total"), r.decimal("weighted")));
        });
    }

    /**
     * Two statements over the closed opportunities of the pipeline that the scope admits, joined with their history:
     * per stage the opportunities that entered it (each once) and of them the won ones, then per stage the entries
     * and their squared errors.
     */
    @Override
    public List<StageOutcome> stageOutcomes(String pipelineCode, Set<String> stages, AccessScope scope) {
        AccessSql.Condition access = AccessSql.opportunities(scope, "o");
        if (access.nothing() || stages.isEmpty()) {
            return List.of();
        }
        List<String> codes = stages.stream().sorted().toList();
        String won = "CASE WHEN o.category = ? THEN 1 ELSE 0 END";
        String where = " WHERE o.pipeline_code = ? AND o.is_open = ? AND e.to_stage IN (" + Sql.marks(codes.size()) + ")"
                + access.sql();
        Consumer<Sql.Stmt> bind = s -> {
            s.text(pipelineCode).bool(false);
            codes.forEach(s::text);
            access.bind().accept(s);
        };
        return sql.read("count the outcomes of stages", () -> {
            Map<String, long[]> entered = new LinkedHashMap<>();
            Sql.Stmt first = sql.stmt("SELECT e.to_stage, COUNT(*) AS n, SUM(" + won + ") AS won"
                    + " FROM (SELECT DISTINCT opportunity_id, to_stage FROM {p}opportunity_stage_changes) e"
                    + " JOIN {p}opportunities o ON o.id = e.opportunity_id" + where + " GROUP BY e.to_stage")
                    .enumName(ForecastCategory.CLOSED_WON);
            bind.accept(first);
            first.list(r -> entered.put(r.text("to_stage"), new long[] {r.lng("n"), r.lng("won")}));
            List<StageOutcome> out = new ArrayList<>();
            Sql.Stmt second = sql.stmt("SELECT e.to_stage, COUNT(*) AS n, SUM((e.probability - " + won + ") * (e.probability - "
                    + won + ")) AS sse FROM {p}opportunity_stage_changes e JOIN {p}opportunities o ON o.id = e.opportunity_id"
                    + where + " GROUP BY e.to_stage")
                    .enumName(ForecastCategory.CLOSED_WON).enumName(ForecastCategory.CLOSED_WON);
            bind.accept(second);
            second.list(r -> {
                long[] n = entered.getOrDefault(r.text("to_stage"), new long[2]);
                return out.add(new StageOutcome(r.text("to_stage"), n[0], n[1], r.lng("n"), r.decimal("sse").doubleValue()));
            });
            return out;
        });
    }

    /** An opportunity row before its history is loaded. */
    private record Loaded(OpportunityId id, CustomerId customerId, String name, BigDecimal amount, Currency currency,
                          LocalDate expectedClose, String pipelineCode, String stageCode, BigDecimal probability,
                          ForecastCategory category, UserRef owner, Optional<DepartmentRef> department,
                          Optional<CampaignId> sourceCampaign, Optional<String> lostReason, Instant createdAt,
                          Instant updatedAt, Instant lastActivityAt, long version) {
    }

    private static Loaded readRow(Row r) throws SQLException {
        return new Loaded(new OpportunityId(r.uuid("id")), new CustomerId(r.uuid("customer_id")), r.text("name"),
                scaled(r.decimal("amount"), r.integer("amount_scale")), Currency.getInstance(r.text("currency").strip()),
                r.optDate("expected_close").orElseThrow(() -> new StorageException("column expected_close is unexpectedly null")),
                r.text("pipeline_code"), r.text("stage_code"), probability(r.decimal("probability")),
                r.enumValue(ForecastCategory.class, "category"), new UserRef(r.text("owner_id")),
                r.optText("department_id").map(DepartmentRef::new), r.optUuid("source_campaign").map(CampaignId::new),
                r.optText("lost_reason"), r.instant("created_at"), r.instant("updated_at"), r.instant("last_activity_at"),
                r.lng("version"));
    }

    private static BigDecimal scaled(BigDecimal stored, int scale) {
        return stored.setScale(scale, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal probability(BigDecimal stored) {
        return stored.setScale(io.crmkit.core.sales.Stage.PROBABILITY_SCALE, RoundingMode.HALF_EVEN);
    }

    private List<Opportunity> load(List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(l -> l.id().value()).toList();
        Map<UUID, List<StageChange>> history = new LinkedHashMap<>();
        sql.stmt("SELECT opportunity_id, from_stage, to_stage, actor_id, changed_at, probability, amount, amount_scale,"
                        + " currency, note FROM {p}opportunity_stage_changes WHERE opportunity_id IN (" + Sql.marks(ids.size())
                        + ") ORDER BY opportunity_id, seq")
                .uuids(ids).list(r -> {
                    history.computeIfAbsent(r.uuid("opportunity_id"), k -> new ArrayList<>()).add(new StageChange(
                            r.optText("from_stage"), r.text("to_stage"), new UserRef(r.text("actor_id")), r.instant("changed_at"),
                            probability(r.decimal("probability")), scaled(r.decimal("amount"), r.integer("amount_scale")),
                            Currency.getInstance(r.text("currency").strip()), r.optText("note")));
                    return 0;
                });
        List<Opportunity> out = new ArrayList<>(rows.size());
        for (Loaded l : rows) {
            out.add(new Opportunity(l.id(), l.customerId(), l.name(), l.amount(), l.currency(), l.expectedClose(),
                    l.pipelineCode(), l.stageCode(), l.probability(), l.category(), l.owner(), l.department(),
                    l.sourceCampaign(), l.lostReason(), l.createdAt(), l.updatedAt(), l.lastActivityAt(), l.version(),
                    history.getOrDefault(l.id().value(), List.of())));
        }
        return out;
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "opportunities", true).move(from, to, null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return new CustomerMoves(sql, "opportunities", true).move(from, to, ids);
    }
}
