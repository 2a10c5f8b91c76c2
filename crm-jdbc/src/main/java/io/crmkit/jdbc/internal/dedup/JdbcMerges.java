package io.crmkit.jdbc.internal.dedup;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.dedup.Merge;
import io.crmkit.core.dedup.MergeId;
import io.crmkit.core.dedup.MergeRepository;
import io.crmkit.core.dedup.MergedCustomer;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Merges in {@code merges}, one row per merged customer in {@code merge_losers} and what moved from each in
 * {@code merge_items} (a record's kind and id, or a gained email, phone, tag, attribute or external reference).
 */
public final class JdbcMerges implements MergeRepository {
    private static final String COLUMNS =
            "id, winner_id, winner_version, reason, actor_id, merged_at, undone_at, undone_by, undo_reason";
    private static final String EMAIL = "EMAIL";
    private static final String PHONE = "PHONE";
    private static final String TAG = "TAG";
    private static final String ATTRIBUTE = "ATTRIBUTE";
    private static final String REF = "EXTERNAL_REF";

    private final Sql sql;

    public JdbcMerges(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Merge m) {
        sql.write("insert merge " + m.id(), () -> {
            sql.stmt("INSERT INTO {p}merges (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .uuid(m.id().value()).uuid(m.winner().value()).lng(m.winnerVersion()).text(m.reason())
                    .text(m.actor().id()).instant(m.mergedAt()).instant(m.undoneAt().orElse(null))
                    .text(m.undoneBy().map(UserRef::id)).text(m.undoReason()).execute();
            Sql.Batch losers = sql.batch("INSERT INTO {p}merge_losers (merge_id, seq, customer_id, version_after,"
                    + " archived_before) VALUES (?, ?, ?, ?, ?)");
            Sql.Batch items = sql.batch("INSERT INTO {p}merge_items (merge_id, loser_seq, item_seq, item_kind,"
                    + " item_value, item_extra) VALUES (?, ?, ?, ?, ?, ?)");
            for (int i = 0; i < m.losers().size(); i++) {
                MergedCustomer l = m.losers().get(i);
                losers.uuid(m.id().value()).integer(i).uuid(l.customerId().value()).lng(l.versionAfter())
                        .instant(l.archivedBefore().orElse(null)).add();
                int seq = 0;
                for (Map.Entry<RecordKind, List<UUID>> moved : l.moved().entrySet()) {
                    for (UUID id : moved.getValue()) {
                        item(items, m, i, seq++, moved.getKey().name(), id.toString(), null);
                    }
                }
                for (String e : l.emails()) {
                    item(items, m, i, seq++, EMAIL, e, null);
                }
                for (String p : l.phones()) {
                    item(items, m, i, seq++, PHONE, p, null);
                }
                for (String t : l.tags()) {
                    item(items, m, i, seq++, TAG, t, null);
                }
                for (String a : l.attributes()) {
                    item(items, m, i, seq++, ATTRIBUTE, a, null);
                }
                for (ExternalRef r : l.externalRefs()) {
                    item(items, m, i, seq++, REF, r.system(), r.id());
                }
            }
            losers.execute();
            items.execute();
        });
    }

    private static void item(Sql.Batch items, Merge m, int loser, int seq, String kind, String value,
                             @Nullable String extra) {
        items.uuid(m.id().value()).integer(loser).integer(seq).text(kind).text(value).text(extra).add();
    }

    @Override
    public Optional<Merge> findById(MergeId id) {
        return sql.read("find merge " + id, () -> sql.stmt("SELECT " + COLUMNS + " FROM {p}merges WHERE id = ?")
                .uuid(id.value()).one(Header::read).map(this::load));
    }

    @Override
    public void markUndone(Merge m) {
        sql.write("mark merge " + m.id() + " undone", () -> sql.stmt(
                        "UPDATE {p}merges SET undone_at = ?, undone_by = ?, undo_reason = ? WHERE id = ?")
                .instant(m.undoneAt().orElse(null)).text(m.undoneBy().map(UserRef::id)).text(m.undoReason())
                .uuid(m.id().value()).execute());
    }

    @Override
    public Page<Merge> byCustomer(CustomerId customer, PageRequest page) {
        Optional<Cursor.IdKey> after = page.cursor().map(Cursor::idKey);
        return sql.read("find merges of customer " + customer, () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}merges WHERE (winner_id = ? OR id IN"
                    + " (SELECT merge_id FROM {p}merge_losers WHERE customer_id = ?))"
                    + (after.isPresent() ? " AND id > ?" : "") + " ORDER BY id LIMIT " + (page.limit() + 1))
                    .uuid(customer.value()).uuid(customer.value());
            after.ifPresent(k -> s.uuid(k.id()));
            List<Merge> merges = s.list(Header::read).stream().map(this::load).toList();
            return Cursor.page(merges, page.limit(), m -> new Cursor.IdKey(m.id().value()));
        });
    }

    private Merge load(Header h) {
        List<Loser> losers = sql.stmt("SELECT seq, customer_id, version_after, archived_before FROM {p}merge_losers"
                + " WHERE merge_id = ? ORDER BY seq").uuid(h.id()).list(Loser::read);
        List<Item> items = sql.stmt("SELECT loser_seq, item_kind, item_value, item_extra FROM {p}merge_items"
                + " WHERE merge_id = ? ORDER BY loser_seq, item_seq").uuid(h.id()).list(Item::read);
        List<MergedCustomer> merged = new ArrayList<>();
        for (Loser l : losers) {
            Map<RecordKind, List<UUID>> moved = new EnumMap<>(RecordKind.class);
            List<String> emails = new ArrayList<>();
            List<String> phones = new ArrayList<>();
            List<String> tags = new ArrayList<>();
            List<String> attributes = new ArrayList<>();
            List<ExternalRef> refs = new ArrayList<>();
            for (Item i : items) {
                if (i.loser() != l.seq()) {
                    continue;
                }
                switch (i.kind()) {
                    case EMAIL -> emails.add(i.value());
                    case PHONE -> phones.add(i.value());
                    case TAG -> tags.add(i.value());
                    case ATTRIBUTE -> attributes.add(i.value());
                    case REF -> refs.add(new ExternalRef(i.value(), i.extra() == null ? "" : i.extra()));
                    default -> moved.computeIfAbsent(RecordKind.valueOf(i.kind()), k -> new ArrayList<>())
                            .add(UUID.fromString(i.value()));
                }
            }
            merged.add(new MergedCustomer(new CustomerId(l.customer()), l.versionAfter(),
                    Optional.ofNullable(l.archivedBefore()), moved, emails, phones, tags, attributes, refs));
        }
        return new Merge(new MergeId(h.id()), new CustomerId(h.winner()), h.winnerVersion(), merged, h.reason(),
                UserRef.of(h.actor()), h.mergedAt(), Optional.ofNullable(h.undoneAt()),
                Optional.ofNullable(h.undoneBy()).map(UserRef::of), Optional.ofNullable(h.undoReason()));
    }

    private record Header(UUID id, UUID winner, long winnerVersion, String reason, String actor, Instant mergedAt,
                          @Nullable Instant undoneAt, @Nullable String undoneBy, @Nullable String undoReason) {
        static Header read(Row r) throws SQLException {
            return new Header(r.uuid("id"), r.uuid("winner_id"), r.lng("winner_version"), r.text("reason"),
                    r.text("actor_id"), r.instant("merged_at"), r.nullableInstant("undone_at"),
                    r.nullableText("undone_by"), r.nullableText("undo_reason"));
        }
    }

    private record Loser(int seq, UUID customer, long versionAfter, @Nullable Instant archivedBefore) {
        static Loser read(Row r) throws SQLException {
            return new Loser(r.integer("seq"), r.uuid("customer_id"), r.lng("version_after"),
                    r.nullableInstant("archived_before"));
        }
    }

    private record Item(int loser, String kind, String value, @Nullable String extra) {
        static Item read(Row r) throws SQLException {
            return new Item(r.integer("loser_seq"), r.text("item_kind"), r.text("item_value"), r.nullableText("item_extra"));
        }
    }
}
