package io.crmkit.jdbc.internal.policy;

import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.policy.Cadence;
import io.crmkit.core.policy.DueQuery;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.CustomerConditions;
import io.crmkit.jdbc.internal.sql.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one statement of a page of due customers: the segment's and the scope's conditions ({@link CustomerConditions}), then
 * one correlated probe per policy condition, every value bound, in id order after the cursor. Each probe walks an index
 * that starts with the customer id (V17): consents by their key, contacts by customer, direction, channel and time,
 * purchases and survey answers by customer and time, the policy's contacts by policy, customer and date.
 *
 * <p>A contact is an outbound interaction that is not OTHER and not a refused message; those three words are constants
 * of the schema, written as literals.
 */
final class DueStatement {
    /** An outbound contact of customer {@code c}, on the interactions aliased {@code alias}. */
    private static String contact(String alias) {
        return alias + ".customer_id = c.id AND " + alias + ".direction = 'OUTBOUND' AND " + alias + ".channel <> 'OTHER'"
                + " AND (" + alias + ".delivery_status IS NULL OR " + alias + ".delivery_status <> 'REFUSED')";
    }

    private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    private final List<Consumer<Sql.Stmt>> binds = new ArrayList<>();
    private final Optional<Cursor.IdKey> after;

    private DueStatement(Optional<Cursor.IdKey> after) {
        this.after = after;
    }

    /**
     * After a cursor, the keyset bound again on a probe's own customer column: PostgreSQL turns the probes into joins
     * and may drive the page from one of them (the consents) or merge with one (the contacts) in customer order, and
     * it does not carry {@code c.id > ?} over to them, so without the bound every page read that index from its start
     * (measured: 200 ms a page at the end of 1,000,000 customers, 8 ms with the bounds).
     */
    private String bound(String alias) {
        return after.isPresent() ? " AND " + alias + ".customer_id > ?" : "";
    }

    /** Binds the bound of {@link #bound} when there is one. */
    private Sql.Stmt after(Sql.Stmt s) {
        after.ifPresent(k -> s.uuid(k.id()));
        return s;
    }

    static Sql.Stmt of(Sql sql, DueQuery q, AccessScope scope, Optional<Cursor.IdKey> after, int limit) {
        DueStatement d = new DueStatement(after);
        CustomerConditions segment = CustomerConditions.of(q.segment(), scope);
        d.where.append(segment.sql());
        d.binds.add(segment::bind);
        q.only().ifPresent(id -> d.add(" AND c.id = ?", s -> s.uuid(id.value())));
        d.consent(q);
        q.address().ifPresent(kind -> d.add(kind == ChannelKind.EMAIL
                ? " AND EXISTS (SELECT 1 FROM {p}customer_emails ce WHERE ce.customer_id = c.id" + d.bound("ce") + ")"
                : " AND EXISTS (SELECT 1 FROM {p}customer_phones cp WHERE cp.customer_id = c.id" + d.bound("cp") + ")",
                d::after));
        d.add(" AND NOT EXISTS (SELECT 1 FROM {p}policy_contacts pc WHERE pc.policy_id = ? AND pc.customer_id = c.id"
                + " AND pc.due_date = ?" + d.bound("pc") + ")", s -> d.after(s.uuid(q.policyId().value()).date(q.date())));
        d.add(" AND NOT EXISTS (SELECT 1 FROM {p}policy_pauses pp WHERE pp.customer_id = c.id AND pp.ends_at > ?"
                + " AND pp.starts_at < ?" + d.bound("pp") + ")", s -> d.after(s.instant(q.dayStart()).instant(q.until())));
        d.cadence(q);
        d.caps(q);
        after.ifPresent(k -> d.add(" AND c.id > ?", s -> s.uuid(k.id())));
        Sql.Stmt stmt = sql.stmt("SELECT c.id, c.display_name FROM {p}customers c" + d.where + " ORDER BY c.id LIMIT "
                + (limit + 1));
        d.binds.forEach(b -> b.accept(stmt));
        return stmt;
    }

    private void add(String condition, Consumer<Sql.Stmt> bind) {
        where.append(condition);
        binds.add(bind);
    }

    private void consent(DueQuery q) {
        q.consent().ifPresent(ch -> {
            if (q.optInRequired()) {
                add(" AND EXISTS (SELECT 1 FROM {p}customer_consents k WHERE k.customer_id = c.id AND k.channel = ?"
                        + " AND k.consent_status = 'OPTED_IN'" + bound("k") + ")", s -> after(s.enumName(ch)));
            } else {
                add(" AND NOT EXISTS (SELECT 1 FROM {p}customer_consents k WHERE k.customer_id = c.id AND k.channel = ?"
                        + " AND k.consent_status = 'OPTED_OUT'" + bound("k") + ")", s -> after(s.enumName(ch)));
            }
        });
    }

    /** No contact on the channel in the window (EVERY), or an event in the window with none since. */
    private void cadence(DueQuery q) {
        Cadence cadence = q.cadence();
        String noContactSince = " AND NOT EXISTS (SELECT 1 FROM {p}interactions i WHERE " + contact("i")
                + " AND i.channel = ? AND i.occurred_at >= %s AND i.occurred_at < ?" + bound("i") + ")";
        Consumer<Sql.Stmt> none = s -> after(s.enumName(q.channel()).instant(q.until()));
        switch (cadence.trigger()) {
            case EVERY -> add(String.format(noContactSince, "?"),
                    s -> after(s.enumName(q.channel()).instant(q.since()).instant(q.until())));
            case PURCHASE -> add(" AND EXISTS (SELECT 1 FROM {p}purchases e WHERE e.customer_id = c.id"
                            + " AND e.occurred_at >= ? AND e.occurred_at < ?" + bound("e")
                            + String.format(noContactSince, "e.occurred_at") + ")",
                    s -> none.accept(after(window(s, q))));
            case CASE_CLOSED -> add(" AND EXISTS (SELECT 1 FROM {p}service_cases sc JOIN {p}service_case_history e"
                            + " ON e.case_id = sc.id WHERE sc.customer_id = c.id AND e.to_status = 'CLOSED'"
                            + " AND e.changed_at >= ? AND e.changed_at < ?" + bound("sc")
                            + String.format(noContactSince, "e.changed_at") + ")",
                    s -> none.accept(after(window(s, q))));
            case LOW_SCORE -> add(" AND EXISTS (SELECT 1 FROM {p}survey_responses e WHERE e.customer_id = c.id"
                            + " AND e.kind = ? AND e.score < ? AND e.responded_at >= ? AND e.responded_at < ?" + bound("e")
                            + String.format(noContactSince, "e.responded_at") + ")",
                    s -> none.accept(after(window(s.enumName(cadence.survey().orElseThrow())
                            .integer(cadence.scoreBelow().orElseThrow()), q))));
        }
    }

    private static Sql.Stmt window(Sql.Stmt s, DueQuery q) {
        return s.instant(q.since()).instant(q.until());
    }

    /**
     * Under every cap: one probe over the customer's contacts since the earliest cap's start, counted per cap with
     * {@code SUM(CASE ...)} in its HAVING, so that every cap costs one index range read together.
     */
    private void caps(DueQuery q) {
        if (q.caps().isEmpty()) {
            return;
        }
        Instant earliest = q.caps().stream().map(DueQuery.Cap::since).min(Instant::compareTo).orElseThrow();
        List<String> having = new ArrayList<>();
        List<Consumer<Sql.Stmt>> capBinds = new ArrayList<>();
        for (DueQuery.Cap cap : q.caps()) {
            if (cap.channel().isPresent()) {
                having.add("SUM(CASE WHEN x.occurred_at >= ? AND x.channel = ? THEN 1 ELSE 0 END) >= ?");
                capBinds.add(s -> s.instant(cap.since()).enumName(cap.channel().get()).lng(cap.max()));
            } else {
                having.add("SUM(CASE WHEN x.occurred_at >= ? THEN 1 ELSE 0 END) >= ?");
                capBinds.add(s -> s.instant(cap.since()).lng(cap.max()));
            }
        }
        add(" AND NOT EXISTS (SELECT x.customer_id FROM {p}interactions x WHERE " + contact("x")
                + " AND x.occurred_at >= ? AND x.occurred_at < ?" + bound("x") + " GROUP BY x.customer_id HAVING "
                + String.join(" OR ", having) + ")", s -> {
                    after(s.instant(earliest).instant(q.until()));
                    capBinds.forEach(b -> b.accept(s));
                });
    }
}
