package io.crmkit.jdbc.internal.marketing;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.marketing.CampaignMember;
import io.crmkit.core.marketing.CampaignQuery;
import io.crmkit.core.marketing.CampaignRepository;
import io.crmkit.core.marketing.CampaignStatus;
import io.crmkit.core.marketing.CampaignTouch;
import io.crmkit.core.marketing.MemberConversion;
import io.crmkit.core.marketing.MemberCounts;
import io.crmkit.core.marketing.MemberStatus;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.sales.ForecastCategory;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.jdbc.internal.sql.AccessSql;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Campaigns in {@code campaigns} with their history in {@code campaign_status_changes}, members in
 * {@code campaign_members} with one time column per status. Counts are one aggregate statement; conversions join the
 * members sent to with the purchases and won opportunities after the send, the window's end checked here.
 */
public final class JdbcCampaigns implements CampaignRepository {
    private static final String COLUMNS = "c.id, c.name, c.channel, c.start_date, c.end_date, c.budget, c.budget_scale,"
            + " c.currency, c.status, c.owner_id, c.department_id, c.template_subject, c.template_text,"
            + " c.template_html, c.created_at, c.updated_at, c.version";
    private static final String MEMBER_COLUMNS = "m.campaign_id, m.customer_id, m.status, m.message_id, m.reason,"
            + " m.targeted_at, m.sent_at, m.delivered_at, m.failed_at, m.responded_at, m.opted_out_at, m.converted_at,"
            + " m.version";

    private final Sql sql;

    public JdbcCampaigns(Sql sql) {
        this.sql = sql;
    }

    /** The column of the time a member first reached {@code s}. */
    private static String column(MemberStatus s) {
        return s.name().toLowerCase(java.util.Locale.ROOT) + "_at";
    }

    @Override
    public void insert(Campaign c) {
        sql.write("insert campaign " + c.id(), () -> {
            sql.stmt("INSERT INTO {p}campaigns (id, name, channel, start_date, end_date, budget, budget_scale, currency,"
                            + " status, owner_id, department_id, template_subject, template_text, template_html,"
                            + " created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(c.id().value()).text(c.name()).enumName(c.channel()).date(c.startDate()).date(c.endDate())
                    .decimal(c.budget()).integer(c.budget().scale()).text(c.currency().getCurrencyCode())
                    .enumName(c.status()).text(c.owner().id()).text(c.department().map(DepartmentRef::id))
                    .text(c.template().flatMap(MessageTemplate::subject))
                    .text(c.template().map(MessageTemplate::text)).text(c.template().flatMap(MessageTemplate::html))
                    .instant(c.createdAt()).instant(c.updatedAt()).lng(c.version())
                    .execute();
            insertHistory(c, 0);
        });
    }

    @Override
    public void update(Campaign c) {
        sql.write("update campaign " + c.id(), () -> {
            int n = sql.stmt("UPDATE {p}campaigns SET name = ?, channel = ?, start_date = ?, end_date = ?, budget = ?,"
                            + " budget_scale = ?, currency = ?, status = ?, owner_id = ?, department_id = ?,"
                            + " template_subject = ?, template_text = ?, template_html = ?, created_at = ?, updated_at = ?,"
                            + " version = ? WHERE id = ? AND version = ?")
                    .text(c.name()).enumName(c.channel()).date(c.startDate()).date(c.endDate()).decimal(c.budget())
                    .integer(c.budget().scale()).text(c.currency().getCurrencyCode()).enumName(c.status())
                    .text(c.owner().id()).text(c.department().map(DepartmentRef::id))
                    .text(c.template().flatMap(MessageTemplate::subject)).text(c.template().map(MessageTemplate::text))
                    .text(c.template().flatMap(MessageTemplate::html)).instant(c.createdAt()).instant(c.updatedAt())
                    .lng(c.version()).uuid(c.id().value()).lng(c.version() - 1)
                    .execute();
            if (n == 0) {
                Optional<Long> stored = sql.stmt("SELECT version FROM {p}campaigns WHERE id = ?").uuid(c.id().value())
                        .one(r -> r.lng("version"));
                if (stored.isEmpty()) {
                    throw new NotFoundException("campaign " + c.id() + " does not exist");
                }
                throw new ConflictException("campaign " + c.id() + " was changed concurrently: stored version is "
                        + stored.get() + ", the update expected " + (c.version() - 1));
            }
            long stored = sql.stmt("SELECT COUNT(*) AS n FROM {p}campaign_status_changes WHERE campaign_id = ?")
                    .uuid(c.id().value()).one(r -> r.lng("n")).orElse(0L);
            if (stored > c.statusHistory().size()) {
                sql.stmt("DELETE FROM {p}campaign_status_changes WHERE campaign_id = ?").uuid(c.id().value()).execute();
                insertHistory(c, 0);
            } else {
                insertHistory(c, (int) stored);
            }
        });
    }

    private void insertHistory(Campaign c, int from) {
        List<StatusChange<CampaignStatus>> history = c.statusHistory();
        if (history.size() <= from) {
            return;
        }
        Sql.Batch b = sql.batch("INSERT INTO {p}campaign_status_changes (campaign_id, seq, from_status, to_status, actor_id,"
                + " changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (int seq = from; seq < history.size(); seq++) {
            StatusChange<CampaignStatus> s = history.get(seq);
            b.uuid(c.id().value()).integer(seq).enumName(s.from()).enumName(s.to()).text(s.actor().id()).instant(s.at())
                    .text(s.comment()).add();
        }
        b.execute();
    }

    @Override
    public Optional<Campaign> findById(CampaignId id) {
        return sql.read("find campaign " + id, () -> load(sql.stmt("SELECT " + COLUMNS + " FROM {p}campaigns c WHERE c.id = ?")
                .uuid(id.value()).list(JdbcCampaigns::readRow)).stream().findFirst());
    }

    @Override
    public Page<Campaign> search(CampaignQuery q, AccessScope scope, PageRequest page) {
        AccessSql.Condition access = AccessSql.campaigns(scope, "c");
        if (access.nothing()) {
            return Page.last(List.of());
        }
        Optional<Cursor.DateKey> after = page.cursor().map(Cursor::dateKey);
        if (after.isPresent() && after.get().date() == null) {
            throw io.crmkit.core.ValidationException.of("cursor", "format", "is not a cursor returned by this list");
        }
        return sql.read("find campaigns", () -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Consumer<Sql.Stmt>> binds = new ArrayList<>();
            if (!q.statuses().isEmpty()) {
                List<String> statuses = q.statuses().stream().map(Enum::name).sorted().toList();
                where.append(" AND c.status IN (").append(Sql.marks(statuses.size())).append(")");
                binds.add(s -> statuses.forEach(s::text));
            }
            q.owner().ifPresent(u -> {
                where.append(" AND c.owner_id = ?");
                binds.add(s -> s.text(u.id()));
            });
            q.department().ifPresent(d -> {
                where.append(" AND c.department_id = ?");
                binds.add(s -> s.text(d.id()));
            });
            q.channel().ifPresent(k -> {
                where.append(" AND c.channel = ?");
                binds.add(s -> s.enumName(k));
            });
            q.activeOn().ifPresent(d -> {
                where.append(" AND c.start_date <= ? AND c.end_date >= ?");
                binds.add(s -> s.date(d).date(d));
            });
            where.append(access.sql());
            binds.add(access.bind());
            after.ifPresent(k -> {
                where.append(" AND (c.start_date > ? OR (c.start_date = ? AND c.id > ?))");
                binds.add(s -> s.date(k.date()).date(k.date()).uuid(k.id()));
            });
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}campaigns c" + where
                    + " ORDER BY c.start_date, c.id LIMIT " + (page.limit() + 1));
            binds.forEach(b -> b.accept(s));
            return Cursor.page(load(s.list(JdbcCampaigns::readRow)), page.limit(),
                    c -> new Cursor.DateKey(c.startDate(), c.id().value()));
        });
    }

    @Override
    public int addMembers(List<CampaignMember> members) {
        if (members.isEmpty()) {
            return 0;
        }
        int[] added = new int[1];
        sql.write("add campaign members", () -> {
            Map<CampaignId, Map<UUID, CampaignMember>> byCampaign = new LinkedHashMap<>();
            members.forEach(m -> byCampaign.computeIfAbsent(m.campaignId(), k -> new LinkedHashMap<>())
                    .putIfAbsent(m.customerId().value(), m));
            byCampaign.forEach((campaign, wanted) -> {
                for (List<UUID> chunk : Sql.chunks(wanted.keySet(), Sql.IN_CHUNK)) {
                    Set<UUID> existing = new HashSet<>(sql.stmt("SELECT customer_id FROM {p}campaign_members"
                                    + " WHERE campaign_id = ? AND customer_id IN (" + Sql.marks(chunk.size()) + ")")
                            .uuid(campaign.value()).uuids(chunk).list(r -> r.uuid("customer_id")));
                    Sql.Batch b = sql.batch("INSERT INTO {p}campaign_members (" + MEMBER_COLUMNS.replace("m.", "")
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    for (UUID customer : chunk) {
                        if (!existing.contains(customer)) {
                            bindMember(b, java.util.Objects.requireNonNull(wanted.get(customer), "member")).add();
                            added[0]++;
                        }
                    }
                    if (b.size() > 0) {
                        b.execute();
                    }
                }
            });
        });
        return added[0];
    }

    private static Sql.Batch bindMember(Sql.Batch b, CampaignMember m) {
        b.uuid(m.campaignId().value()).uuid(m.customerId().value()).enumName(m.status())
                .uuid(m.messageId().map(MessageId::value).orElse(null)).text(m.reason());
        for (MemberStatus s : MemberStatus.values()) {
            b.instant(m.reached().get(s));
        }
        return b.lng(m.version());
    }

    @Override
    public Optional<CampaignMember> findMember(CampaignId campaign, CustomerId customer) {
        return sql.read("find campaign member", () -> sql.stmt("SELECT " + MEMBER_COLUMNS
                        + " FROM {p}campaign_members m WHERE m.campaign_id = ? AND m.customer_id = ?")
                .uuid(campaign.value()).uuid(customer.value()).one(JdbcCampaigns::readMember));
    }

    @Override
    public Optional<CampaignMember> findMemberByMessage(MessageId message) {
        return sql.read("find campaign member of message", () -> sql.stmt("SELECT " + MEMBER_COLUMNS
                        + " FROM {p}campaign_members m WHERE m.message_id = ?")
                .uuid(message.value()).one(JdbcCampaigns::readMember));
    }

    @Override
    public void updateMember(CampaignMember m) {
        sql.write("update campaign member", () -> {
            StringBuilder set = new StringBuilder("status = ?, message_id = ?, reason = ?");
            for (MemberStatus s : MemberStatus.values()) {
                set.append(", ").append(column(s)).append(" = ?");
            }
            Sql.Stmt s = sql.stmt("UPDATE {p}campaign_members SET " + set + ", version = ?"
                            + " WHERE campaign_id = ? AND customer_id = ? AND version = ?")
                    .enumName(m.status()).uuid(m.messageId().map(MessageId::value).orElse(null)).text(m.reason());
            for (MemberStatus st : MemberStatus.values()) {
                s.instant(m.reached().get(st));
            }
            int n = s.lng(m.version()).uuid(m.campaignId().value()).uuid(m.customerId().value()).lng(m.version() - 1)
                    .execute();
            if (n == 0) {
                Optional<CampaignMember> stored = findMember(m.campaignId(), m.customerId());
                if (stored.isEmpty()) {
                    throw new NotFoundException("customer " + m.customerId() + " is no member of campaign " + m.campaignId());
                }
                throw new ConflictException("member " + m.customerId() + " of campaign " + m.campaignId()
                        + " was changed concurrently: stored version is " + stored.get().version());
            }
        });
    }

    @Override
    public Page<CampaignMember> members(CampaignId campaign, Optional<MemberStatus> status, PageRequest page) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        return sql.read("list campaign members", () -> {
            Sql.Stmt s = sql.stmt("SELECT " + MEMBER_COLUMNS + " FROM {p}campaign_members m WHERE m.campaign_id = ?"
                    + (status.isPresent() ? " AND m.status = ?" : "") + (after.isPresent() ? " AND m.customer_id > ?" : "")
                    + " ORDER BY m.customer_id LIMIT " + (page.limit() + 1)).uuid(campaign.value());
            status.ifPresent(s::enumName);
            after.ifPresent(k -> s.uuid(k.id()));
            return Cursor.page(s.list(JdbcCampaigns::readMember), page.limit(),
                    m -> new Cursor.IdKey(m.customerId().value()));
        });
    }

    @Override
    public MemberCounts countMembers(CampaignId campaign, Set<MemberStatus> responded) {
        String anyResponse = responded.stream().sorted().map(s -> "m." + column(s) + " IS NOT NULL")
                .reduce((a, b) -> a + " OR " + b).orElse("1 = 0");
        return sql.read("count campaign members", () -> sql.stmt("SELECT COUNT(*) AS n,"
                        + " COALESCE(SUM(CASE WHEN m.status = ? THEN 1 ELSE 0 END), 0) AS targeted,"
                        + " COUNT(m.sent_at) AS sent, COUNT(m.delivered_at) AS delivered, COUNT(m.failed_at) AS failed,"
                        + " COALESCE(SUM(CASE WHEN " + anyResponse + " THEN 1 ELSE 0 END), 0) AS responded,"
                        + " COUNT(m.opted_out_at) AS opted_out, COUNT(m.converted_at) AS converted"
                        + " FROM {p}campaign_members m WHERE m.campaign_id = ?")
                .enumName(MemberStatus.TARGETED).uuid(campaign.value())
                .one(r -> new MemberCounts(r.lng("n"), r.lng("targeted"), r.lng("sent"), r.lng("delivered"), r.lng("failed"),
                        r.lng("responded"), r.lng("opted_out"), r.lng("converted")))
                .orElse(new MemberCounts(0, 0, 0, 0, 0, 0, 0, 0)));
    }

    @Override
    public List<MemberConversion> conversions(CampaignId campaign, Duration window, Set<MemberStatus> responded) {
        return sql.read("find campaign conversions", () -> {
            List<MemberConversion> out = new ArrayList<>();
            sql.stmt("SELECT " + MEMBER_COLUMNS + ", p.occurred_at AS at, p.amount, p.amount_scale, p.currency"
                            + " FROM {p}campaign_members m JOIN {p}purchases p ON p.customer_id = m.customer_id"
                            + " AND p.occurred_at >= m.sent_at WHERE m.campaign_id = ? AND m.sent_at IS NOT NULL")
                    .uuid(campaign.value()).list(r -> conversion(r, window, responded, out));
            sql.stmt("SELECT " + MEMBER_COLUMNS + ", o.amount, o.amount_scale, o.currency, (SELECT MAX(e.changed_at)"
                            + " FROM {p}opportunity_stage_changes e WHERE e.opportunity_id = o.id) AS at"
                            + " FROM {p}campaign_members m JOIN {p}opportunities o ON o.customer_id = m.customer_id"
                            + " AND o.source_campaign = m.campaign_id"
                            + " WHERE m.campaign_id = ? AND m.sent_at IS NOT NULL AND o.category = ?")
                    .uuid(campaign.value()).enumName(ForecastCategory.CLOSED_WON).list(r -> conversion(r, window, responded, out));
            return out;
        });
    }

    private static boolean conversion(Row r, Duration window, Set<MemberStatus> responded, List<MemberConversion> out)
            throws SQLException {
        CampaignMember m = readMember(r);
        Instant at = r.instant("at");
        Instant sent = m.sentAt().orElseThrow();
        if (at.isBefore(sent) || !at.isBefore(sent.plus(window))) {
            return false;
        }
        return out.add(new MemberConversion(m.customerId(), at,
                r.decimal("amount").setScale(r.integer("amount_scale"), RoundingMode.HALF_EVEN),
                Currency.getInstance(r.text("currency").strip()), responded.stream().anyMatch(m.reached()::containsKey),
                m.reached().containsKey(MemberStatus.CONVERTED)));
    }

    @Override
    public Map<CustomerId, Instant> lastPurchases(Collection<CustomerId> customers) {
        Map<CustomerId, Instant> last = new HashMap<>();
        if (customers.isEmpty()) {
            return last;
        }
        return sql.read("find last purchases", () -> {
            for (List<UUID> chunk : Sql.chunks(customers.stream().map(CustomerId::value).distinct().toList(), Sql.IN_CHUNK)) {
                sql.stmt("SELECT customer_id, MAX(occurred_at) AS last FROM {p}purchases WHERE customer_id IN ("
                                + Sql.marks(chunk.size()) + ") GROUP BY customer_id")
                        .uuids(chunk).list(r -> last.put(new CustomerId(r.uuid("customer_id")), r.instant("last")));
            }
            return last;
        });
    }

    @Override
    public List<CampaignTouch> touches(Collection<CustomerId> customers, Instant from, Instant to) {
        List<CampaignTouch> out = new ArrayList<>();
        if (customers.isEmpty()) {
            return out;
        }
        return sql.read("find campaign touches", () -> {
            for (List<UUID> chunk : Sql.chunks(customers.stream().map(CustomerId::value).distinct().toList(), Sql.IN_CHUNK)) {
                sql.stmt("SELECT campaign_id, customer_id, sent_at FROM {p}campaign_members WHERE customer_id IN ("
                                + Sql.marks(chunk.size()) + ") AND sent_at >= ? AND sent_at < ?")
                        .uuids(chunk).instant(from).instant(to)
                        .list(r -> out.add(new CampaignTouch(new CampaignId(r.uuid("campaign_id")),
                                new CustomerId(r.uuid("customer_id")), r.instant("sent_at"))));
            }
            return out;
        });
    }

    private static CampaignMember readMember(Row r) throws SQLException {
        Map<MemberStatus, Instant> reached = new EnumMap<>(MemberStatus.class);
        for (MemberStatus s : MemberStatus.values()) {
            @Nullable Instant at = r.nullableInstant(column(s));
            if (at != null) {
                reached.put(s, at);
            }
        }
        return new CampaignMember(new CampaignId(r.uuid("campaign_id")), new CustomerId(r.uuid("customer_id")),
                r.enumValue(MemberStatus.class, "status"), r.optUuid("message_id").map(MessageId::new),
                r.optText("reason"), reached, r.lng("version"));
    }

    /** A campaign row before its history is loaded. */
    private record Loaded(CampaignId id, String name, ChannelKind channel, LocalDate start, LocalDate end,
                          BigDecimal budget, Currency currency, CampaignStatus status, UserRef owner,
                          Optional<DepartmentRef> department, Optional<MessageTemplate> template, Instant createdAt,
                          Instant updatedAt, long version) {
    }

    private static Loaded readRow(Row r) throws SQLException {
        Optional<String> text = r.optText("template_text");
        Optional<MessageTemplate> template = text.isEmpty() ? Optional.empty()
                : Optional.of(new MessageTemplate(r.optText("template_subject"), text.get(), r.optText("template_html")));
        return new Loaded(new CampaignId(r.uuid("id")), r.text("name"), r.enumValue(ChannelKind.class, "channel"),
                date(r, "start_date"), date(r, "end_date"),
                r.decimal("budget").setScale(r.integer("budget_scale"), RoundingMode.HALF_EVEN),
                Currency.getInstance(r.text("currency").strip()), r.enumValue(CampaignStatus.class, "status"),
                new UserRef(r.text("owner_id")), r.optText("department_id").map(DepartmentRef::new), template,
                r.instant("created_at"), r.instant("updated_at"), r.lng("version"));
    }

    private static LocalDate date(Row r, String column) throws SQLException {
        return r.optDate(column).orElseThrow(() -> new io.crmkit.core.StorageException("column " + column
                + " is unexpectedly null"));
    }

    private List<Campaign> load(List<Loaded> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(l -> l.id().value()).toList();
        Map<UUID, List<StatusChange<CampaignStatus>>> history = new LinkedHashMap<>();
        sql.stmt("SELECT campaign_id, from_status, to_status, actor_id, changed_at, note FROM {p}campaign_status_changes"
                        + " WHERE campaign_id IN (" + Sql.marks(ids.size()) + ") ORDER BY campaign_id, seq")
                .uuids(ids).list(r -> history.computeIfAbsent(r.uuid("campaign_id"), k -> new ArrayList<>()).add(
                        new StatusChange<>(r.enumValue(CampaignStatus.class, "from_status"),
                                r.enumValue(CampaignStatus.class, "to_status"), new UserRef(r.text("actor_id")),
                                r.instant("changed_at"), r.optText("note"))));
        List<Campaign> out = new ArrayList<>(rows.size());
        for (Loaded l : rows) {
            out.add(new Campaign(l.id(), l.name(), l.channel(), l.start(), l.end(), l.budget(), l.currency(), l.status(),
                    l.owner(), l.department(), l.template(), l.createdAt(), l.updatedAt(), l.version(),
                    history.getOrDefault(l.id().value(), List.of())));
        }
        return out;
    }
}
