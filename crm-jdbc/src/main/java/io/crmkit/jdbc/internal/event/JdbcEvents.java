package io.crmkit.jdbc.internal.event;

import io.crmkit.core.ConflictException;
import io.crmkit.core.StorageException;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.jdbc.internal.sql.Row;
import io.crmkit.jdbc.internal.sql.Sql;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The event outbox in {@code events}, its position counter in {@code event_head} and the relay leases in
 * {@code event_partitions}. {@link #reservePositions} moves the counter with an UPDATE, whose row lock the unit of
 * work holds until it commits: positions follow commit order. {@link #claimPartition} locks one partition row with
 * {@code FOR UPDATE SKIP LOCKED} where the database has it (as the message outbox claims) and moves its lease with
 * a compare on the old one, so two relays never hold the same partition.
 */
public final class JdbcEvents implements EventOutboxRepository {
    private static final String COLUMNS = "position, id, event_type, record_kind, record_id, record_version, changed_fields,"
            + " occurred_at, actor, source";

    private final Sql sql;

    public JdbcEvents(Sql sql) {
        this.sql = sql;
    }

    @Override
    public long reservePositions(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        long[] last = new long[1];
        sql.writeLast("reserve event positions", () -> {
            if (moveCounter(count) == 0) {
                createCounter();
                if (moveCounter(count) == 0) {
                    throw new StorageException("the event position counter is missing and cannot be made");
                }
            }
            last[0] = sql.stmt("SELECT last_position FROM {p}event_head WHERE id = 1").one(r -> r.lng("last_position"))
                    .orElseThrow(() -> new StorageException("the event position counter is missing"));
        });
        return last[0] - count + 1;
    }

    private int moveCounter(int count) {
        return sql.stmt("UPDATE {p}event_head SET last_position = last_position + ? WHERE id = 1").lng((long) count)
                .execute();
    }

    /**
     * Makes the counter row again if it was deleted (the migration makes it; a host emptying every table removes
     * it), continuing after the newest stored event. Another unit of work making it at the same moment wins.
     */
    private void createCounter() {
        try {
            sql.write("make the event position counter", () -> sql.stmt("INSERT INTO {p}event_head (id, last_position)"
                    + " SELECT 1, COALESCE(MAX(position), 0) FROM {p}events").execute());
        } catch (ConflictException raced) {
            // made by another unit of work: moving it waits for that one's commit
        }
    }

    @Override
    public void insert(List<EventRecord> events) {
        if (events.isEmpty()) {
            return;
        }
        sql.writeLast("insert events", () -> {
            Sql.Batch b = sql.insert("events", COLUMNS + ", relay_partition");
            for (EventRecord e : events) {
                b.lng(e.position()).uuid(e.id()).text(e.type()).enumName(e.recordKind()).uuid(e.recordId())
                        .lng(e.recordVersion().isPresent() ? e.recordVersion().getAsLong() : null)
                        .text(String.join("\n", e.changedFields())).instant(e.occurredAt()).text(e.actor().id())
                        .enumName(e.source()).integer(EventOutboxRepository.partitionOf(e.recordId())).add();
            }
            b.execute();
        });
    }

    @Override
    public List<EventRecord> after(long position, int limit) {
        return sql.read("read events", () -> sql.stmt("SELECT " + COLUMNS + " FROM {p}events WHERE position > ?"
                + " ORDER BY position LIMIT " + limit).lng(position).list(JdbcEvents::readRow));
    }

    @Override
    public Optional<Integer> claimPartition(String owner, Instant now, Instant leaseUntil) {
        Optional<Integer> claimed = claim(owner, now, leaseUntil);
        if (claimed.isEmpty() && createMissingPartitions()) {
            claimed = claim(owner, now, leaseUntil);
        }
        return claimed;
    }

    private Optional<Integer> claim(String owner, Instant now, Instant leaseUntil) {
        List<Integer> claimed = new ArrayList<>(1);
        sql.write("claim an event partition", () -> {
            Optional<Free> free = sql.stmt("SELECT relay_partition, lease_until FROM {p}event_partitions p"
                            + " WHERE lease_until <= ? AND EXISTS (SELECT 1 FROM {p}events e"
                            + " WHERE e.relay_partition = p.relay_partition AND e.delivered_at IS NULL)"
                            + " ORDER BY lease_until, relay_partition LIMIT 1" + sql.dialect().forUpdateSkipLocked())
                    .instant(now).one(r -> new Free(r.integer("relay_partition"), r.instant("lease_until")));
            if (free.isPresent()) {
                int n = sql.stmt("UPDATE {p}event_partitions SET lease_owner = ?, lease_until = ?"
                                + " WHERE relay_partition = ? AND lease_until = ?")
                        .text(owner).instant(leaseUntil).integer(free.get().partition()).instant(free.get().until())
                        .execute();
                if (n == 1) {
                    claimed.add(free.get().partition());
                }
            }
        });
        return claimed.stream().findFirst();
    }

    /**
     * Makes the partition rows that are missing (the migration makes them; a host emptying every table removes
     * them); returns whether any was. Only after a claim found nothing, so it costs the usual claim nothing.
     */
    private boolean createMissingPartitions() {
        Set<Integer> present = new HashSet<>(sql.read("read the event partitions", () -> sql.stmt(
                "SELECT relay_partition FROM {p}event_partitions").list(r -> r.integer("relay_partition"))));
        boolean made = false;
        for (int p = 0; p < PARTITIONS; p++) {
            if (!present.contains(p)) {
                int partition = p;
                try {
                    sql.write("make an event partition", () -> sql.stmt("INSERT INTO {p}event_partitions"
                            + " (relay_partition, lease_owner, lease_until) VALUES (?, ?, ?)")
                            .integer(partition).text("").instant(Instant.EPOCH).execute());
                    made = true;
                } catch (ConflictException raced) {
                    // made by another relay at the same moment
                }
            }
        }
        return made;
    }

    private record Free(int partition, Instant until) {
    }

    @Override
    public List<EventRecord> undelivered(int partition, int limit) {
        return sql.read("read undelivered events", () -> sql.stmt("SELECT " + COLUMNS + " FROM {p}events"
                        + " WHERE relay_partition = ? AND delivered_at IS NULL ORDER BY position LIMIT " + limit)
                .integer(partition).list(JdbcEvents::readRow));
    }

    @Override
    public int markDelivered(List<Long> positions, Instant at) {
        int[] n = new int[1];
        sql.write("mark events delivered", () -> {
            for (List<Long> chunk : Sql.chunks(positions, 500)) {
                Sql.Stmt s = sql.stmt("UPDATE {p}events SET delivered_at = ? WHERE delivered_at IS NULL AND position IN ("
                        + Sql.marks(chunk.size()) + ")").instant(at);
                chunk.forEach(s::lng);
                n[0] += s.execute();
            }
        });
        return n[0];
    }

    @Override
    public void release(int partition, String owner, Instant until) {
        sql.write("release an event partition", () -> sql.stmt("UPDATE {p}event_partitions SET lease_until = ?"
                + " WHERE relay_partition = ? AND lease_owner = ?").instant(until).integer(partition).text(owner).execute());
    }

    @Override
    public int purgeDelivered(Instant before) {
        int[] n = new int[1];
        sql.write("purge delivered events", () -> n[0] = sql.stmt("DELETE FROM {p}events WHERE delivered_at < ?")
                .instant(before).execute());
        return n[0];
    }

    @Override
    public long countUndelivered() {
        return sql.read("count undelivered events", () -> sql.stmt("SELECT COUNT(*) AS n FROM {p}events"
                + " WHERE delivered_at IS NULL").one(r -> r.lng("n")).orElse(0L));
    }

    private static EventRecord readRow(Row r) throws SQLException {
        String fields = r.text("changed_fields");
        Optional<Long> version = r.optLong("record_version");
        return new EventRecord(r.uuid("id"), r.lng("position"), r.text("event_type"),
                r.enumValue(RecordKind.class, "record_kind"), r.uuid("record_id"),
                version.map(OptionalLong::of).orElse(OptionalLong.empty()),
                fields.isEmpty() ? List.of() : Arrays.asList(fields.split("\n", -1)), r.instant("occurred_at"),
                new UserRef(r.text("actor")), r.enumValue(AuditSource.class, "source"));
    }
}
