package io.crmkit.jdbc.internal.policy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.policy.Cadence;
import io.crmkit.core.policy.CommunicationPolicy;
import io.crmkit.core.policy.ContactMethod;
import io.crmkit.core.policy.ContactOutcome;
import io.crmkit.core.policy.DueContact;
import io.crmkit.core.policy.DueQuery;
import io.crmkit.core.policy.PauseWindow;
import io.crmkit.core.policy.PolicyContact;
import io.crmkit.core.policy.PolicyEffectiveness;
import io.crmkit.core.policy.PolicyId;
import io.crmkit.core.policy.PolicyRepository;
import io.crmkit.core.policy.PressureCounts;
import io.crmkit.core.policy.SegmentText;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.task.Assignee;
import io.crmkit.jdbc.internal.sql.CustomerConditions;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Policies in {@code policies} (the segment as {@link SegmentText}), their contacts in {@code policy_contacts} (one row
 * per policy, customer and due date), pause windows in {@code policy_pauses}. A page of due customers is one statement
 * ({@link DueStatement}); pressure one aggregate over the customer's contacts; effectiveness four aggregates.
 */
public final class JdbcPolicies implements PolicyRepository {
    private static final String COLUMNS = "p.id, p.name, p.goal, p.segment, p.method, p.consent_channel, p.cadence_trigger,"
            + " p.cadence_days, p.survey_kind, p.score_below, p.owner_id, p.department_id, p.active_from, p.active_to,"
            + " p.template_subject, p.template_text, p.template_html, p.response_days, p.created_at, p.updated_at, p.version";
    /** The contacts of a policy in a period that count (not refused messages), aliased pc, with three parameters. */
    private static final String MADE = " pc.policy_id = ? AND pc.kind <> 'REFUSED' AND pc.contacted_at >= ?"
            + " AND pc.contacted_at < ?";

    private final Sql sql;

    public JdbcPolicies(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(CommunicationPolicy p) {
        sql.write("insert policy " + p.id(), () -> {
            Sql.Stmt s = sql.stmt("INSERT INTO {p}policies (id, name, goal, segment, method, consent_channel,"
                    + " cadence_trigger, cadence_days, survey_kind, score_below, owner_id, department_id, active_from,"
                    + " active_to, template_subject, template_text, template_html, response_days, created_at, updated_at,"
                    + " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").uuid(p.id().value());
            fields(s, p);
            s.instant(p.createdAt()).instant(p.updatedAt()).lng(p.version()).execute();
        });
    }

    @Override
    public void update(CommunicationPolicy p) {
        sql.write("update policy " + p.id(), () -> {
            Sql.Stmt s = sql.stmt("UPDATE {p}policies SET name = ?, goal = ?, segment = ?, method = ?, consent_channel = ?,"
                    + " cadence_trigger = ?, cadence_days = ?, survey_kind = ?, score_below = ?, owner_id = ?,"
                    + " department_id = ?, active_from = ?, active_to = ?, template_subject = ?, template_text = ?,"
                    + " template_html = ?, response_days = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?");
            fields(s, p);
            int n = s.instant(p.updatedAt()).lng(p.version()).uuid(p.id().value()).lng(p.version() - 1).execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}policies WHERE id = ?").uuid(p.id().value())
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("policy " + p.id() + " does not exist");
                }
                throw new ConflictException("policy " + p.id() + " was changed concurrently: stored version is "
                        + stored.get() + ", the update expected " + (p.version() - 1));
            }
        });
    }

    /** Binds the columns from name to response_days, in the order of {@link #COLUMNS}. */
    private static void fields(Sql.Stmt s, CommunicationPolicy p) {
        s.text(p.name()).text(p.goal()).text(SegmentText.encode(p.segment())).enumName(p.method())
                .enumName(p.channel().orElse(null)).enumName(p.cadence().trigger()).integer(p.cadence().days())
                .enumName(p.cadence().survey().orElse(null))
                .lng(p.cadence().scoreBelow().isPresent() ? (long) p.cadence().scoreBelow().getAsInt() : null)
                .text(p.owner().user().map(UserRef::id)).text(p.owner().department().map(DepartmentRef::id))
                .date(p.activeFrom()).date(p.activeTo().orElse(null))
                .text(p.template().flatMap(MessageTemplate::subject)).text(p.template().map(MessageTemplate::text))
                .text(p.template().flatMap(MessageTemplate::html)).integer(p.responseWindowDays());
    }

    @Override
    public Optional<CommunicationPolicy> findById(PolicyId id) {
        return sql.read("find policy " + id, () -> sql.stmt("SELECT " + COLUMNS + " FROM {p}policies p WHERE p.id = ?")
                .uuid(id.value()).one(JdbcPolicies::readRow));
    }

    @Override
    public Page<CommunicationPolicy> search(AccessScope scope, PageRequest page) {
        AccessSql.Condition access = AccessSql.policies(scope, "p");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        return sql.read("find policies", () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}policies p WHERE 1 = 1" + access.sql()
                    + (after.isPresent() ? " AND p.id > ?" : "") + " ORDER BY p.id LIMIT " + (page.limit() + 1));
            access.bind().accept(s);
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(s.list(JdbcPolicies::readRow), page.limit(), p -> new Cursor.IdKey(p.id().value()));
        });
    }

    @Override
    public Page<DueContact> due(DueQuery q, AccessScope scope, PageRequest page) {
        if (AccessSql.customers(scope, "c").nothing()) {
            return Page.last(List.of());
        }
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        return sql.read("find the due customers of policy " + q.policyId(), () -> Cursor.page(
                DueStatement.of(sql, q, scope, after, page.limit())
                        .list(r -> new DueContact(new CustomerId(r.uuid("id")), r.text("display_name"))),
                page.limit(), d -> new Cursor.IdKey(d.customerId().value())));
    }

    @Override
    public boolean recordContact(PolicyContact c) {
        // the key decides: the service looked for the contact already, and a look here would only narrow the race
        try {
            sql.write("record a contact of policy " + c.policyId(), () -> sql.stmt("INSERT INTO {p}policy_contacts"
                            + " (policy_id, customer_id, due_date, kind, record_id, interaction_id, contacted_at, respond_until)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(c.policyId().value()).uuid(c.customerId().value()).date(c.dueDate()).enumName(c.kind())
                    .uuid(c.recordId()).uuid(c.interactionId().value()).instant(c.at()).instant(c.respondUntil())
                    .execute());
            return true;
        } catch (ConflictException raced) {
            return false; // stored already, by this run before or a concurrent one
        }
    }

    @Override
    public Optional<PolicyContact> findContact(PolicyId policy, CustomerId customer, LocalDate dueDate) {
        return sql.read("find a contact of policy " + policy, () -> sql.stmt("SELECT policy_id, customer_id, due_date,"
                        + " kind, record_id, interaction_id, contacted_at, respond_until FROM {p}policy_contacts"
                        + " WHERE policy_id = ? AND customer_id = ? AND due_date = ?")
                .uuid(policy.value()).uuid(customer.value()).date(dueDate)
                .one(r -> new PolicyContact(new PolicyId(r.uuid("policy_id")), new CustomerId(r.uuid("customer_id")),
                        r.optDate("due_date").orElseThrow(), r.enumValue(ContactOutcome.class, "kind"), r.uuid("record_id"),
                        new InteractionId(r.uuid("interaction_id")), r.instant("contacted_at"), r.instant("respond_until"))));
    }

    @Override
    public PressureCounts pressure(CustomerId customer, InteractionChannel channel, Instant monthStart, Instant weekStart,
                                   Instant dayStart, Instant until) {
        return sql.read("count the contacts of customer " + customer, () -> sql.stmt("SELECT"
                        + " COALESCE(SUM(CASE WHEN i.occurred_at >= ? THEN 1 ELSE 0 END), 0) AS d,"
                        + " COALESCE(SUM(CASE WHEN i.occurred_at >= ? THEN 1 ELSE 0 END), 0) AS w,"
                        + " COUNT(*) AS m,"
                        + " COALESCE(SUM(CASE WHEN i.occurred_at >= ? AND i.channel = ? THEN 1 ELSE 0 END), 0) AS cd,"
                        + " COALESCE(SUM(CASE WHEN i.occurred_at >= ? AND i.channel = ? THEN 1 ELSE 0 END), 0) AS cw,"
                        + " COALESCE(SUM(CASE WHEN i.channel = ? THEN 1 ELSE 0 END), 0) AS cm"
                        + " FROM {p}interactions i WHERE i.customer_id = ? AND i.direction = 'OUTBOUND' AND i.channel <> 'OTHER'"
                        + " AND (i.delivery_status IS NULL OR i.delivery_status <> 'REFUSED')"
                        + " AND i.occurred_at >= ? AND i.occurred_at < ?")
                .instant(dayStart).instant(weekStart).instant(dayStart).enumName(channel).instant(weekStart).enumName(channel)
                .enumName(channel).uuid(customer.value()).instant(monthStart).instant(until)
                .one(r -> new PressureCounts(r.lng("d"), r.lng("w"), r.lng("m"), r.lng("cd"), r.lng("cw"), r.lng("cm")))
                .orElseThrow());
    }

    @Override
    public void insertPause(PauseWindow p) {
        sql.write("insert pause " + p.id(), () -> sql.stmt("INSERT INTO {p}policy_pauses (id, customer_id, starts_at, ends_at,"
                        + " reason) VALUES (?, ?, ?, ?, ?)")
                .uuid(p.id()).uuid(p.customer().map(CustomerId::value).orElse(null)).instant(p.from()).instant(p.to())
                .text(p.reason()).execute());
    }

    @Override
    public Optional<PauseWindow> pauseOf(CustomerId customer, Instant from, Instant to) {
        return pause(" AND (pp.customer_id = ? OR pp.customer_id IS NULL)", Optional.of(customer), from, to);
    }

    @Override
    public Optional<PauseWindow> globalPause(Instant from, Instant to) {
        return pause(" AND pp.customer_id IS NULL", Optional.empty(), from, to);
    }

    private Optional<PauseWindow> pause(String whose, Optional<CustomerId> customer, Instant from, Instant to) {
        return sql.read("find a pause window", () -> {
            Sql.Stmt s = sql.stmt("SELECT pp.id, pp.customer_id, pp.starts_at, pp.ends_at, pp.reason FROM {p}policy_pauses pp"
                    + " WHERE pp.ends_at > ? AND pp.starts_at < ?" + whose + " ORDER BY pp.id LIMIT 1");
            s.instant(from).instant(to);
            customer.ifPresent(c -> s.uuid(c.value()));
            return s.one(r -> new PauseWindow(r.uuid("id"), r.optUuid("customer_id").map(CustomerId::new),
                    r.instant("starts_at"), r.instant("ends_at"), r.text("reason")));
        });
    }

    @Override
    public PolicyEffectiveness effectiveness(PolicyId policy, CustomerQuery segment, AccessScope scope, Instant from,
                                             Instant to) {
        return sql.read("measure policy " + policy, () -> {
            long[] made = sql.stmt("SELECT COUNT(*) AS n, COUNT(DISTINCT pc.customer_id) AS d FROM {p}policy_contacts pc"
                            + " WHERE" + MADE)
                    .uuid(policy.value()).instant(from).instant(to)
                    .one(r -> new long[] {r.lng("n"), r.lng("d")}).orElseThrow();
            long responded = distinctWith(" EXISTS (SELECT 1 FROM {p}interactions i WHERE i.customer_id = pc.customer_id"
                    + " AND i.direction = 'INBOUND' AND i.occurred_at >= pc.contacted_at AND i.occurred_at < pc.respond_until)",
                    policy, from, to);
            long bought = distinctWith(" EXISTS (SELECT 1 FROM {p}purchases b WHERE b.customer_id = pc.customer_id"
                    + " AND b.occurred_at >= pc.contacted_at AND b.occurred_at < pc.respond_until)", policy, from, to);
            Map<SurveyKind, PolicyEffectiveness.ScoreSum> surveys = new EnumMap<>(SurveyKind.class);
            sql.stmt("SELECT s.kind, COUNT(*) AS n, SUM(s.score) AS total FROM {p}policy_contacts pc"
                            + " JOIN {p}survey_responses s ON s.customer_id = pc.customer_id AND s.responded_at >= pc.contacted_at"
                            + " AND s.responded_at < pc.respond_until WHERE" + MADE + " GROUP BY s.kind")
                    .uuid(policy.value()).instant(from).instant(to)
                    .list(r -> surveys.put(r.enumValue(SurveyKind.class, "kind"),
                            new PolicyEffectiveness.ScoreSum(r.lng("n"), r.lng("total"))));
            long[] control = control(policy, segment, scope, from, to);
            return new PolicyEffectiveness(policy, from, to, made[0], made[1], responded, surveys, bought, control[0],
                    control[1]);
        });
    }

    private long distinctWith(String condition, PolicyId policy, Instant from, Instant to) {
        return sql.stmt("SELECT COUNT(DISTINCT pc.customer_id) AS n FROM {p}policy_contacts pc WHERE" + MADE + " AND"
                        + condition)
                .uuid(policy.value()).instant(from).instant(to).one(r -> r.lng("n")).orElse(0L);
    }

    /** The customers of the segment the policy never contacted, and how many of them bought in the period. */
    private long[] control(PolicyId policy, CustomerQuery segment, AccessScope scope, Instant from, Instant to) {
        if (AccessSql.customers(scope, "c").nothing()) {
            return new long[2];
        }
        CustomerConditions c = CustomerConditions.of(segment, scope);
        Sql.Stmt s = sql.stmt("SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM {p}purchases b"
                + " WHERE b.customer_id = c.id AND b.occurred_at >= ? AND b.occurred_at < ?) THEN 1 ELSE 0 END), 0) AS b"
                + " FROM {p}customers c WHERE 1 = 1" + c.sql() + " AND NOT EXISTS (SELECT 1 FROM {p}policy_contacts pc"
                + " WHERE pc.policy_id = ? AND pc.customer_id = c.id AND pc.kind <> 'REFUSED')");
        s.instant(from).instant(to);
        c.bind(s);
        s.uuid(policy.value());
        return s.one(r -> new long[] {r.lng("n"), r.lng("b")}).orElseThrow();
    }

    private static CommunicationPolicy readRow(Row r) throws SQLException {
        Optional<String> subject = r.optText("template_subject");
        Optional<String> text = r.optText("template_text");
        Optional<String> html = r.optText("template_html");
        Optional<MessageTemplate> template = text.map(t -> new MessageTemplate(subject, t, html));
        Optional<Long> below = r.optLong("score_below");
        Cadence cadence = new Cadence(r.enumValue(Cadence.Trigger.class, "cadence_trigger"), r.integer("cadence_days"),
                r.optEnum(SurveyKind.class, "survey_kind"),
                below.isPresent() ? OptionalInt.of(below.get().intValue()) : OptionalInt.empty());
        Assignee owner = new Assignee(r.optText("owner_id").map(UserRef::of), r.optText("department_id").map(DepartmentRef::of));
        return new CommunicationPolicy(new PolicyId(r.uuid("id")), r.text("name"), r.text("goal"),
                SegmentText.decode(r.text("segment")), r.enumValue(ContactMethod.class, "method"),
                r.optEnum(ContactChannel.class, "consent_channel"), cadence, owner, r.optDate("active_from").orElseThrow(),
                r.optDate("active_to"), template, r.integer("response_days"), r.instant("created_at"),
                r.instant("updated_at"), r.lng("version"));
    }
}
