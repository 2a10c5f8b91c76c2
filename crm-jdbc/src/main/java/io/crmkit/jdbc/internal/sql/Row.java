package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.StorageException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The current row of a result set, read through the dialect. */
public final class Row {
    private final ResultSet rs;
    private final Dialect dialect;

    Row(ResultSet rs, Dialect dialect) {
        this.rs = rs;
        this.dialect = dialect;
    }

    public UUID uuid(String column) throws SQLException {
        UUID u = dialect.readUuid(rs, column);
        if (u == null) {
            throw new StorageException("column " + column + " is unexpectedly null");
        }
        return u;
    }

    public Optional<UUID> optUuid(String column) throws SQLException {
        return Optional.ofNullable(dialect.readUuid(rs, column));
    }

    public String text(String column) throws SQLException {
        String s = rs.getString(column);
        if (s == null) {
            throw new StorageException("column " + column + " is unexpectedly null");
        }
        return s;
    }

    public @Nullable String nullableText(String column) throws SQLException {
        return rs.getString(column);
    }

    public Optional<String> optText(String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    public Instant instant(String column) throws SQLException {
        Instant i = dialect.readInstant(rs, column);
        if (i == null) {
            throw new StorageException("column " + column + " is unexpectedly null");
        }
        return i;
    }

    public @Nullable Instant nullableInstant(String column) throws SQLException {
        return dialect.readInstant(rs, column);
    }

    public Optional<LocalDate> optDate(String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, LocalDate.class));
    }

    public byte[] bytes(String column) throws SQLException {
        byte[] b = rs.getBytes(column);
        if (b == null) {
            throw new StorageException("column " + column + " is unexpectedly null");
        }
        return b;
    }

    public long lng(String column) throws SQLException {
        return rs.getLong(column);
    }

    public Optional<Long> optLong(String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }

    public int integer(String column) throws SQLException {
        return rs.getInt(column);
    }

    public BigDecimal decimal(String column) throws SQLException {
        return rs.getBigDecimal(column);
    }

    public <E extends Enum<E>> E enumValue(Class<E> type, String column) throws SQLException {
        return Enum.valueOf(type, text(column));
    }

    public <E extends Enum<E>> Optional<E> optEnum(Class<E> type, String column) throws SQLException {
        String s = rs.getString(column);
        return s == null ? Optional.empty() : Optional.of(Enum.valueOf(type, s));
    }
}
