package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.StatusChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The status history of the records of one table, in a child table with the columns {@code <owner>, seq,
 * from_status, to_status, actor_id, changed_at, note} (seq from 0, oldest first): needs, tasks and service cases
 * keep theirs so. A history is only ever added to, so an update writes the changes past the stored ones.
 *
 * @param <S> the status type
 */
public final class StatusHistory<S extends Enum<S>> {
    private final Sql sql;
    private final String table;
    private final String owner;
    private final Class<S> type;

    /**
     * @param table the child table, without prefix ({@code "requirement_history"})
     * @param owner its column holding the record's id ({@code "requirement_id"})
     */
    public StatusHistory(Sql sql, String table, String owner, Class<S> type) {
        this.sql = sql;
        this.table = table;
        this.owner = owner;
        this.type = type;
    }

    /** Writes the history of a record just inserted. */
    public void insert(UUID id, List<StatusChange<S>> history) {
        insert(id, history, 0);
    }

    /**
     * Writes the changes of {@code history} past the stored ones; a stored history longer than {@code history} is
     * not this record's (a caller's own list): it is replaced whole.
     */
    public void update(UUID id, List<StatusChange<S>> history) {
        long stored = sql.stmt("SELECT COUNT(*) AS n FROM {p}" + table + " WHERE " + owner + " = ?").uuid(id)
                .one(r -> r.lng("n")).orElseThrow();
        if (stored > history.size()) {
            sql.stmt("DELETE FROM {p}" + table + " WHERE " + owner + " = ?").uuid(id).execute();
            insert(id, history, 0);
        } else {
            insert(id, history, (int) stored);
        }
    }

    /** Inserts the status changes from position {@code from} on. */
    private void insert(UUID id, List<StatusChange<S>> history, int from) {
        if (history.size() <= from) {
            return;
        }
        Sql.Batch b = sql.batch("INSERT INTO {p}" + table + " (" + owner + ", seq, from_status, to_status, actor_id,"
                + " changed_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
        int seq = from;
        for (StatusChange<S> c : history.subList(from, history.size())) {
            b.uuid(id).integer(seq++).enumName(c.from()).enumName(c.to()).text(c.actor().id()).instant(c.at())
                    .text(c.comment()).add();
        }
        b.execute();
    }

    /** The histories of these records, oldest change first; a record without changes is missing from the map. */
    public Map<UUID, List<StatusChange<S>>> load(List<UUID> ids) {
        Map<UUID, List<StatusChange<S>>> history = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return history;
        }
        sql.stmt("SELECT " + owner + ", from_status, to_status, actor_id, changed_at, note FROM {p}" + table
                + " WHERE " + owner + " IN (" + Sql.marks(ids.size()) + ") ORDER BY " + owner + ", seq").uuids(ids).list(r -> {
                    history.computeIfAbsent(r.uuid(owner), k -> new ArrayList<>()).add(new StatusChange<>(
                            r.enumValue(type, "from_status"), r.enumValue(type, "to_status"),
                            new UserRef(r.text("actor_id")), r.instant("changed_at"), r.optText("note")));
                    return 0;
                });
        return history;
    }
}
