package io.crmkit.jdbc.internal.audit;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.StorageException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditHead;
import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.audit.FieldChange;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.Cursor;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The audit trail in {@code audit_entries} and {@code audit_heads}. An append is a compare-and-set {@code UPDATE} per
 * head it moves and one batch of entry rows ({@code SELECT ... FOR UPDATE} of the heads only when the appender does
 * not know them or a compare failed); the lists are keyset pages on
 * {@code (recorded_at, stream, seq)}, served by the indexes by record and (but on H2) by actor. An entry's primary
 * key is one number made of its stream and sequence ({@link AuditEntryKeys}), so a stream's entries are one key
 * range. A verification of a period scans the table for its sequences, which saves every append another index.
 */
public final class JdbcAudit implements AuditRepository {
    private static final String COLUMNS = "stream, seq, recorded_at, actor, source, record_kind, record_id, entry_action,"
            + " changes, salt, previous_hash, entry_hash";
    /** After the page's key, in (recorded_at, stream, seq) order. */
    private static final String AFTER = " AND (recorded_at > ? OR (recorded_at = ? AND (stream > ? OR (stream = ? AND seq > ?))))";
    private static final String ORDER = " ORDER BY recorded_at, stream, seq LIMIT ";

    private final Sql sql;

    public JdbcAudit(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void createHeads(int streams) {
        sql.write("create " + streams + " audit stream heads", () -> {
            Set<Integer> present = new HashSet<>(sql.stmt("SELECT stream FROM {p}audit_heads").list(r -> r.integer("stream")));
            Sql.Batch b = sql.batch("INSERT INTO {p}audit_heads (stream, last_seq, last_hash) VALUES (?, 0, ?)");
            for (int s = 0; s < streams; s++) {
                if (!present.contains(s)) {
                    b.integer(s).text(AuditEntry.GENESIS).add();
                }
            }
            b.execute();
        });
    }

    @Override
    public List<AuditHead> lockHeads(Collection<Integer> streams) {
        if (streams.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> sorted = new TreeSet<>(streams);
        return sql.read("lock audit stream heads", () -> {
            Sql.Stmt s = sql.stmt("SELECT stream, last_seq, last_hash FROM {p}audit_heads WHERE stream IN ("
                    + Sql.marks(sorted.size()) + ") ORDER BY stream FOR UPDATE");
            sorted.forEach(s::integer);
            return s.list(JdbcAudit::head);
        });
    }

    @Override
    public boolean advance(AuditHead from, AuditHead to) {
        // a compare that fails changes nothing and is no error, so it needs no savepoint either; on MariaDB an
        // UPDATE reads the newest committed row, not the transaction's snapshot, as the compare must
        boolean[] moved = new boolean[1];
        sql.writeLast("move audit stream head " + from.stream(), () -> moved[0] = sql.stmt(
                        "UPDATE {p}audit_heads SET last_seq = ?, last_hash = ? WHERE stream = ? AND last_seq = ? AND last_hash = ?")
                .lng(to.lastSequence()).text(to.lastHash()).integer(from.stream()).lng(from.lastSequence())
                .text(from.lastHash()).execute() == 1);
        return moved[0];
    }

    @Override
    public void insert(List<AuditEntry> entries) {
        // the last write of its unit of work: a failure rolls back the whole of it, so no savepoint is needed
        sql.writeLast("append " + entries.size() + " audit entries", () -> {
            Sql.Batch b = sql.insert("audit_entries", "entry_key, " + COLUMNS);
            for (AuditEntry e : entries) {
                b.lng(AuditEntryKeys.of(e.stream(), e.sequence())).integer(e.stream()).lng(e.sequence()).instant(e.at()).text(e.actor().id()).enumName(e.source())
                        .enumName(e.kind()).uuid(e.recordId()).enumName(e.action()).text(FieldChange.encode(e.changes()))
                        .text(e.salt()).text(e.previousHash()).text(e.hash()).add();
            }
            b.execute();
        });
    }

    @Override
    public List<AuditHead> heads() {
        return sql.read("read audit stream heads", () -> sql.stmt(
                "SELECT stream, last_seq, last_hash FROM {p}audit_heads ORDER BY stream").list(JdbcAudit::head));
    }

    @Override
    public Optional<AuditEntry> find(int stream, long sequence) {
        return sql.read("find audit entry " + stream + "/" + sequence, () -> sql.stmt(
                "SELECT " + COLUMNS + " FROM {p}audit_entries WHERE entry_key = ?").lng(AuditEntryKeys.of(stream, sequence))
                .one(JdbcAudit::entry));
    }

    @Override
    public List<AuditEntry> entries(int stream, long from, long to) {
        return sql.read("read audit entries of stream " + stream, () -> sql.stmt("SELECT " + COLUMNS
                + " FROM {p}audit_entries WHERE entry_key >= ? AND entry_key <= ? ORDER BY entry_key")
                .lng(AuditEntryKeys.of(stream, Math.max(from, 0)))
                .lng(AuditEntryKeys.of(stream, Math.min(to, AuditEntryKeys.MAX_SEQUENCE)))
                .list(JdbcAudit::entry));
    }

    @Override
    public Map<Integer, SequenceRange> sequenceRanges(Instant from, Instant to) {
        return sql.read("find the audit entries of a period", () -> {
            Map<Integer, SequenceRange> out = new TreeMap<>();
            sql.stmt("SELECT stream, MIN(seq) AS first_seq, MAX(seq) AS last_seq FROM {p}audit_entries"
                            + " WHERE recorded_at >= ? AND recorded_at < ? GROUP BY stream")
                    .instant(from).instant(to)
                    .list(r -> out.put(r.integer("stream"), new SequenceRange(r.lng("first_seq"), r.lng("last_seq"))));
            return out;
        });
    }

    @Override
    public Page<AuditEntry> byRecord(RecordKind kind, UUID recordId, PageRequest page) {
        Optional<Cursor.EntryKey> after = page.cursor().map(Cursor::entryKey);
        return sql.read("read the audit history of " + kind + " " + recordId, () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}audit_entries WHERE record_kind = ? AND record_id = ?"
                    + (after.isPresent() ? AFTER : "") + ORDER + (page.limit() + 1));
            s.enumName(kind).uuid(recordId);
            return page(s, after, page);
        });
    }

    @Override
    public Page<AuditEntry> byActor(UserRef actor, Instant from, Instant to, PageRequest page) {
        Optional<Cursor.EntryKey> after = page.cursor().map(Cursor::entryKey);
        return sql.read("read the audit entries of " + actor, () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}audit_entries WHERE actor = ? AND recorded_at >= ?"
                    + " AND recorded_at < ?" + (after.isPresent() ? AFTER : "") + ORDER + (page.limit() + 1));
            s.text(actor.id()).instant(from).instant(to);
            return page(s, after, page);
        });
    }

    private static Page<AuditEntry> page(Sql.Stmt s, Optional<Cursor.EntryKey> after, PageRequest page) {
        after.ifPresent(k -> s.instant(k.at()).instant(k.at()).integer(k.stream()).integer(k.stream()).lng(k.sequence()));
        return Cursor.page(s.list(JdbcAudit::entry), page.limit(), e -> new Cursor.EntryKey(e.at(), e.stream(), e.sequence()));
    }

    private static AuditHead head(Row r) throws SQLException {
        return new AuditHead(r.integer("stream"), r.lng("last_seq"), r.text("last_hash"));
    }

    private static AuditEntry entry(Row r) throws SQLException {
        List<FieldChange> changes;
        try {
            changes = FieldChange.decode(r.text("changes"));
        } catch (IllegalArgumentException e) {
            // kept as found, so that verify reports the entry: an altered row is evidence, not a storage failure
            changes = List.of(new FieldChange("unreadable changes", Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty()));
        }
        try {
            return new AuditEntry(r.integer("stream"), r.lng("seq"), r.instant("recorded_at"), UserRef.of(r.text("actor")),
                    r.enumValue(AuditSource.class, "source"), r.enumValue(RecordKind.class, "record_kind"),
                    r.uuid("record_id"), r.enumValue(AuditAction.class, "entry_action"), changes, r.optText("salt"),
                    r.text("previous_hash"), r.text("entry_hash"));
        } catch (IllegalArgumentException e) {
            throw new StorageException("audit entry " + r.integer("stream") + "/" + r.lng("seq") + " cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
