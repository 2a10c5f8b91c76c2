package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.StorageException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the supported databases: column types for ids and instants, how they are bound
 * and read, where the migrations live, and which error codes mean a taken unique key or a lost race.
 * Everything else is portable SQL.
 */
public enum Dialect {
    /** H2 2.x: native UUID and {@code TIMESTAMP WITH TIME ZONE}. */
    H2("h2"),
    /** PostgreSQL 13 and later: {@code uuid} and {@code timestamptz}. */
    POSTGRESQL("postgresql"),
    /** MariaDB 10.6+ and MySQL 8: ids as {@code BINARY(16)} (byte order = UUID v7 order), instants as UTC {@code DATETIME(6)}. */
    MARIADB("mariadb");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /** The classpath folder of this database's own migrations, versions 1 to 3; later ones are shared. */
    public String migrationLocation() {
        return "classpath:io/crmkit/jdbc/migration/" + folder;
    }

    /** Detects the dialect from the connection's metadata. */
    public static Dialect detect(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName();
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.contains("h2")) {
            return H2;
        }
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (p.contains("mariadb") || p.contains("mysql")) {
            return MARIADB;
        }
        throw new StorageException("unsupported database " + product
                + ": crmkit supports H2 2.x, PostgreSQL 13+, MariaDB 10.6+ and MySQL 8");
    }

    void bindUuid(PreparedStatement ps, int i, @Nullable UUID value) throws SQLException {
        if (this == MARIADB) {
            if (value == null) {
                ps.setNull(i, Types.BINARY);
            } else {
                ps.setBytes(i, toBytes(value));
            }
        } else if (value == null) {
            ps.setNull(i, Types.OTHER);
        } else {
            ps.setObject(i, value);
        }
    }

    @Nullable UUID readUuid(ResultSet rs, String column) throws SQLException {
        if (this == MARIADB) {
            byte[] b = rs.getBytes(column);
            return b == null ? null : fromBytes(b);
        }
        return rs.getObject(column, UUID.class);
    }

    void bindInstant(PreparedStatement ps, int i, @Nullable Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(i, switch (this) {
                case POSTGRESQL -> Types.OTHER;
                case H2 -> Types.TIMESTAMP_WITH_TIMEZONE;
                case MARIADB -> Types.TIMESTAMP;
            });
        } else if (this == MARIADB) {
            ps.setObject(i, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        } else {
            ps.setObject(i, value.atOffset(ZoneOffset.UTC));
        }
    }

    @Nullable Instant readInstant(ResultSet rs, String column) throws SQLException {
        if (this == MARIADB) {
            LocalDateTime t = rs.getObject(column, LocalDateTime.class);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * The locking clause for claiming work: rows locked by another transaction are skipped where the
     * database can (PostgreSQL, MariaDB 10.6+, MySQL 8); H2 waits for them instead.
     */
    public String forUpdateSkipLocked() {
        return this == H2 ? " FOR UPDATE" : " FOR UPDATE SKIP LOCKED";
    }

    /**
     * An insert of one row into {@code table} ({@code {p}} and all) that, when a row with the same {@code key}
     * columns exists, replaces that row's other columns instead: {@code ON CONFLICT} on PostgreSQL,
     * {@code ON DUPLICATE KEY} on MariaDB, {@code MERGE ... KEY} on H2. The parameters are the columns, in order.
     */
    public String upsert(String table, List<String> columns, List<String> key) {
        String cols = String.join(", ", columns);
        String values = " VALUES (" + Sql.marks(columns.size()) + ")";
        List<String> others = columns.stream().filter(c -> !key.contains(c)).toList();
        return switch (this) {
            case H2 -> "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", key) + ")" + values;
            case POSTGRESQL -> "INSERT INTO " + table + " (" + cols + ")" + values + " ON CONFLICT (" + String.join(", ", key)
                    + ") DO UPDATE SET " + String.join(", ", others.stream().map(c -> c + " = EXCLUDED." + c).toList());
            case MARIADB -> "INSERT INTO " + table + " (" + cols + ")" + values + " ON DUPLICATE KEY UPDATE "
                    + String.join(", ", others.stream().map(c -> c + " = VALUES(" + c + ")").toList());
        };
    }

    /** Whether the error says a unique key or primary key is taken. */
    public boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        if ("23505".equals(state)) {
            return true;
        }
        return this == MARIADB && (e.getErrorCode() == 1062 || e.getErrorCode() == 1586);
    }

    /** Whether the error says the transaction lost a race: a deadlock, a serialization failure, a lock timeout. */
    public boolean isConcurrencyFailure(SQLException e) {
        String state = e.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
            return true;
        }
        return switch (this) {
            case MARIADB -> e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
            case H2 -> e.getErrorCode() == 50200 || e.getErrorCode() == 40001; // lock timeout, deadlock
            case POSTGRESQL -> "55P03".equals(state);
        };
    }

    static byte[] toBytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    static UUID fromBytes(byte[] b) {
        if (b.length != 16) {
            throw new StorageException("stored id has " + b.length + " bytes, expected 16");
        }
        ByteBuffer bb = ByteBuffer.wrap(b);
        return new UUID(bb.getLong(), bb.getLong());
    }
}
