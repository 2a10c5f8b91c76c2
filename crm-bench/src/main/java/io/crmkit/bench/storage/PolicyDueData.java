package io.crmkit.bench.storage;

import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.Page;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.policy.Cadence;
import io.crmkit.core.policy.CommunicationPolicy;
import io.crmkit.core.policy.ContactLimits;
import io.crmkit.core.policy.ContactMethod;
import io.crmkit.core.policy.DueContact;
import io.crmkit.core.policy.NewPolicy;
import io.crmkit.core.policy.PolicySettings;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The data of the due-customers benchmarks: {@code size} customers ({@link BenchDatabase#generateCustomers}, tag
 * "bench"), nine in ten opted in to VOICE, and outbound calls: every fourth customer one 1 to 9 days before the due
 * date 2024-03-01 (inside the 30-day cadence, so not due), every fourth plus one an old one (outside it); a policy
 * "calls every 30 days to the tag bench" under caps of 3 a day, 5 a week and 10 a month. Both sides sweep every page
 * of the due customers of that date, in id order, pages of 1,000: crmkit through {@code crm.policies().due}, the
 * baseline with the same statement written by hand on one connection, prepared once.
 */
final class PolicyDueData {
    static final LocalDate DATE = LocalDate.of(2024, 3, 1);
    static final int PAGE = PageRequest.MAX_LIMIT;
    static final PolicySettings SETTINGS = PolicySettings.builder().total(ContactLimits.of(3, 5, 10)).build();

    final BenchDatabase database;
    final Crm crm;
    final CommunicationPolicy policy;
    private final PreparedStatement baseline;
    private final PreparedStatement baselineAfter;

    private PolicyDueData(BenchDatabase database, Crm crm, CommunicationPolicy policy, Connection connection)
            throws SQLException {
        this.database = database;
        this.crm = crm;
        this.policy = policy;
        this.baseline = connection.prepareStatement(baselineSql(false));
        this.baselineAfter = connection.prepareStatement(baselineSql(true));
    }

    static PolicyDueData load(String kind, int size) throws SQLException {
        BenchDatabase.Shared shared = BenchDatabase.shared(kind, size + " policy customers", d -> {
            d.generateCustomers(size);
            try (Connection c = d.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + d.t("customer_consents") + " (customer_id, channel, consent_status,"
                        + " given_at, consent_source) SELECT " + BenchDatabase.idSql(0, "p") + ", 'VOICE', 'OPTED_IN', "
                        + d.timeSql("x") + ", 'bench' FROM " + d.series(size) + " WHERE MOD(x, 10) <> 0");
                // 2024-03-01 is 60 days after 2024-01-01: recent calls 51 to 59 days after it, old ones in its first 20
                s.executeUpdate("INSERT INTO " + d.t("interactions") + " (id, customer_id, channel, direction, subject,"
                        + " occurred_at, author, recorded_at) SELECT " + BenchDatabase.idSql(1, "p") + ", "
                        + BenchDatabase.idSql(0, "p") + ", 'CALL', 'OUTBOUND', 'call', "
                        + d.timeSql("(CASE WHEN MOD(x, 4) = 0 THEN 51 * 86400 ELSE 0 END + MOD(x, 8 * 86400))") + ", 'bench', "
                        + d.timeSql("x") + " FROM " + d.series(size) + " WHERE MOD(x, 4) IN (0, 1)");
                s.execute(d.kind.equals("h2") ? "ANALYZE" : "VACUUM (ANALYZE) " + d.t("customer_consents") + ", "
                        + d.t("interactions"));
            }
        });
        Crm crm = Crm.builder().storage(shared.database().storage()).policies(SETTINGS).build();
        CommunicationPolicy policy = crm.policies().create(NewPolicy.named("bench calls").segment(CustomerQuery.all()
                        .tag("bench")).method(ContactMethod.CALL).cadence(Cadence.everyDays(30))
                .owner(Assignee.user(UserRef.of("u1"))).activeFrom(LocalDate.of(2024, 1, 1)));
        return new PolicyDueData(shared.database(), crm, policy, shared.connection());
    }

    /** How many customers are due: every page through crmkit. */
    long sweepCrm() {
        long n = 0;
        PageRequest page = PageRequest.first(PAGE);
        while (true) {
            Page<DueContact> due = crm.policies().due(policy.id(), DATE, page);
            n += due.size();
            Optional<PageRequest> next = page.next(due);
            if (next.isEmpty()) {
                return n;
            }
            page = next.get();
        }
    }

    /** The same through the hand-written statement, keyset by id, reading the id and the name of each row. */
    long sweepBaseline() throws SQLException {
        long n = 0;
        @Nullable UUID after = null;
        while (true) {
            PreparedStatement s = after == null ? baseline : baselineAfter;
            bind(s, after);
            int rows = 0;
            UUID last = null;
            boolean more = false;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rows == PAGE) {
                        more = true;
                        break;
                    }
                    last = rs.getObject(1, UUID.class);
                    n += rs.getString(2).isEmpty() ? 0 : 1;
                    rows++;
                }
            }
            if (!more) {
                return n;
            }
            after = last;
        }
    }

    private void bind(PreparedStatement s, @Nullable UUID after) throws SQLException {
        Timestamp dayStart = Timestamp.from(DATE.atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp until = Timestamp.from(DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp monthStart = Timestamp.from(DATE.minusDays(29).atStartOfDay(ZoneOffset.UTC).toInstant());
        Timestamp weekStart = Timestamp.from(DATE.minusDays(6).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<Object> values = new ArrayList<>();
        values.add("bench");
        bound(values, after);
        values.addAll(List.of(policy.id().value(), DATE));
        bound(values, after);
        values.addAll(List.of(dayStart, until));
        bound(values, after);
        values.addAll(List.of(monthStart, until));
        bound(values, after);
        values.addAll(List.of(monthStart, until));
        bound(values, after);
        values.addAll(List.of(dayStart, 3L, weekStart, 5L, monthStart, 10L));
        bound(values, after);
        for (int i = 0; i < values.size(); i++) {
            s.setObject(i + 1, values.get(i));
        }
    }

    private static void bound(List<Object> values, @Nullable UUID after) {
        if (after != null) {
            values.add(after);
        }
    }

    /** The statement crm-jdbc writes for this policy, with the keyset bound repeated in every probe after a cursor. */
    private String baselineSql(boolean after) {
        String bound = after ? " AND %s.customer_id > ?" : "";
        String contact = ".customer_id = c.id AND %1$s.direction = 'OUTBOUND' AND %1$s.channel <> 'OTHER'"
                + " AND (%1$s.delivery_status IS NULL OR %1$s.delivery_status <> 'REFUSED')";
        return "SELECT c.id, c.display_name FROM " + database.t("customers") + " c WHERE c.archived_at IS NULL"
                + " AND c.id IN (SELECT t.customer_id FROM " + database.t("customer_tags") + " t WHERE t.tag = ?)"
                + " AND EXISTS (SELECT 1 FROM " + database.t("customer_consents") + " k WHERE k.customer_id = c.id"
                + " AND k.channel = 'VOICE' AND k.consent_status = 'OPTED_IN'" + String.format(bound, "k") + ")"
                + " AND NOT EXISTS (SELECT 1 FROM " + database.t("policy_contacts") + " pc WHERE pc.policy_id = ?"
                + " AND pc.customer_id = c.id AND pc.due_date = ?" + String.format(bound, "pc") + ")"
                + " AND NOT EXISTS (SELECT 1 FROM " + database.t("policy_pauses") + " pp WHERE pp.customer_id = c.id"
                + " AND pp.ends_at > ? AND pp.starts_at < ?" + String.format(bound, "pp") + ")"
                + " AND NOT EXISTS (SELECT 1 FROM " + database.t("interactions") + " i WHERE i" + String.format(contact, "i")
                + " AND i.channel = 'CALL' AND i.occurred_at >= ? AND i.occurred_at < ?" + String.format(bound, "i") + ")"
                + " AND NOT EXISTS (SELECT x.customer_id FROM " + database.t("interactions") + " x WHERE x"
                + String.format(contact, "x") + " AND x.occurred_at >= ? AND x.occurred_at < ?" + String.format(bound, "x")
                + " GROUP BY x.customer_id"
                + " HAVING SUM(CASE WHEN x.occurred_at >= ? THEN 1 ELSE 0 END) >= ?"
                + " OR SUM(CASE WHEN x.occurred_at >= ? THEN 1 ELSE 0 END) >= ?"
                + " OR SUM(CASE WHEN x.occurred_at >= ? THEN 1 ELSE 0 END) >= ?)"
                + (after ? " AND c.id > ?" : "") + " ORDER BY c.id LIMIT " + (PAGE + 1);
    }
}
