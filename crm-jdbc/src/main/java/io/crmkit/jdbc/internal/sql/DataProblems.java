package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.spi.Cursor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code data_problems} table (migration V4): stored values a data migration left unchanged because it
 * could not bring them into today's form. Migrations add to it; the host reads it newest first.
 */
public final class DataProblems {
    private DataProblems() {
    }

    /**
     * One value left as it was.
     *
     * @param recordKind what the record is, such as {@code customer}
     * @param field      the field, with an index for list items: {@code phones[1]}
     * @param migration  the migration that found it, such as {@code V5}
     */
    public record Problem(UUID id, String recordKind, UUID recordId, String field, String value, String reason,
                          String migration, Instant foundAt) {
        public Problem {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(recordKind, "recordKind");
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(foundAt, "foundAt");
        }
    }

    private static final String COLUMNS = "id, record_kind, record_id, field_name, stored_value, reason, migration, found_at";

    /** Records the problems, one batch. */
    public static void insert(Sql sql, List<Problem> problems) {
        Sql.Batch b = sql.batch("INSERT INTO {p}data_problems (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        for (Problem p : problems) {
            b.uuid(p.id()).text(p.recordKind()).uuid(p.recordId()).text(p.field()).text(p.value()).text(p.reason())
                    .text(p.migration()).instant(p.foundAt()).add();
        }
        b.execute();
    }

    /** The recorded problems, newest first. */
    public static Page<Problem> page(Sql sql, PageRequest page) {
        Optional<Cursor.TimeKey> after = page.cursor().map(Cursor::timeKey);
        return sql.read("list data problems", () -> {
            Sql.Stmt s = sql.stmt("SELECT " + COLUMNS + " FROM {p}data_problems"
                    + (after.isPresent() ? " WHERE found_at < ? OR (found_at = ? AND id < ?)" : "")
                    + " ORDER BY found_at DESC, id DESC LIMIT " + (page.limit() + 1));
            after.ifPresent(k -> s.instant(k.at()).instant(k.at()).uuid(k.id()));
            return Cursor.page(s.list(r -> new Problem(r.uuid("id"), r.text("record_kind"), r.uuid("record_id"),
                            r.text("field_name"), r.text("stored_value"), r.text("reason"), r.text("migration"),
                            r.instant("found_at"))),
                    page.limit(), p -> new Cursor.TimeKey(p.foundAt(), p.id()));
        });
    }
}
