package io.crmkit.jdbc.internal.audit;

import io.crmkit.jdbc.internal.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration V20: an audit entry's primary key becomes one {@code BIGINT}, {@code entry_key} = stream &lt;&lt; 40 |
 * sequence ({@link #of}), in place of the pair (stream, seq). The order of the keys is the order of the pairs, so
 * a stream's entries are still one range of the key. Why: H2 keeps a table's rows by a single integer key when the
 * primary key is one, and a key of two columns as an index of its own beside the rows, written again on every
 * append; with one column an append writes one map less.
 *
 * <p>On H2 the index by actor goes as well: it was the last index an append wrote that the trail itself does not
 * need, and on H2, an embedded database, the entries of an actor are found by scanning the entries instead
 * ({@code AuditRepository.byActor}, an administrator's query). The trail's price on H2 before and after is measured
 * in docs/benchmarks.md ("Audit trail"). PostgreSQL and MariaDB keep the index.
 *
 * <p>A Java migration because the statements differ per database (MariaDB changes a primary key in one
 * {@code ALTER TABLE}, the others in several); runs in Flyway's transaction where the database has transactional
 * DDL (H2, PostgreSQL).
 */
public final class AuditEntryKeys extends BaseJavaMigration {
    /** Bits of the sequence in a key: 2^40 entries per stream. */
    static final int SEQUENCE_BITS = 40;
    /** The largest sequence a key holds: at 10,000 appends a second to one stream, some three years. */
    static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    /** The key of the entry at {@code sequence} (0 to {@link #MAX_SEQUENCE}) of {@code stream}. */
    static long of(int stream, long sequence) {
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("audit sequence " + sequence + " of stream " + stream
                    + " is outside 0 to " + MAX_SEQUENCE + ": the stream is full; use more streams");
        }
        return ((long) stream << SEQUENCE_BITS) | sequence;
    }

    /** Version and description are given here rather than taken from the class name. */
    @Override
    protected void init() {
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("20");
    }

    @Override
    public String getDescription() {
        return "audit entries keyed by one number";
    }

    @Override
    public void migrate(Context context) throws SQLException {
        String prefix = context.getConfiguration().getPlaceholders().getOrDefault("prefix", "");
        Connection connection = context.getConnection();
        String table = prefix + "audit_entries";
        Dialect dialect = Dialect.detect(connection);
        List<String> statements = new ArrayList<>();
        statements.add("ALTER TABLE " + table + " ADD COLUMN entry_key BIGINT");
        statements.add("UPDATE " + table + " SET entry_key = stream * " + (1L << SEQUENCE_BITS) + " + seq");
        switch (dialect) {
            case MARIADB -> statements.add("ALTER TABLE " + table + " MODIFY entry_key BIGINT NOT NULL, DROP PRIMARY KEY,"
                    + " ADD CONSTRAINT " + table + "_pk PRIMARY KEY (entry_key)");
            case H2, POSTGRESQL -> {
                statements.add("ALTER TABLE " + table + " ALTER COLUMN entry_key SET NOT NULL");
                statements.add("ALTER TABLE " + table + " DROP CONSTRAINT " + table + "_pk");
                statements.add("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_pk PRIMARY KEY (entry_key)");
            }
        }
        if (dialect == Dialect.H2) {
            statements.add("DROP INDEX " + table + "_actor_idx");
        }
        try (Statement s = connection.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
