package io.crmkit.jdbc.internal.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One bound value and its type: binds itself to a statement parameter the way the dialect wants, or writes itself
 * as a field of PostgreSQL's {@code COPY} text format. A value rather than a binding closure, so that one batch
 * of rows can go either way ({@link Sql.Batch}).
 */
record Param(Kind kind, @Nullable Object value) {
    enum Kind { UUID, TEXT, INSTANT, DATE, LONG, INT, BOOL, DECIMAL, BYTES }

    void bind(int i, PreparedStatement ps, Dialect dialect) throws SQLException {
        Object v = value;
        switch (kind) {
            case UUID -> dialect.bindUuid(ps, i, (UUID) v);
            case INSTANT -> dialect.bindInstant(ps, i, (Instant) v);
            case TEXT -> {
                if (v == null) {
                    ps.setNull(i, Types.VARCHAR);
                } else {
                    ps.setString(i, (String) v);
                }
            }
            case DATE -> {
                if (v == null) {
                    ps.setNull(i, Types.DATE);
                } else {
                    ps.setObject(i, v);
                }
            }
            case LONG -> {
                if (v == null) {
                    ps.setNull(i, Types.BIGINT);
                } else {
                    ps.setLong(i, (Long) v);
                }
            }
            case INT -> ps.setInt(i, (Integer) Objects.requireNonNull(v));
            case BOOL -> ps.setBoolean(i, (Boolean) Objects.requireNonNull(v));
            case DECIMAL -> ps.setBigDecimal(i, (BigDecimal) v);
            case BYTES -> ps.setBytes(i, (byte[]) v);
        }
    }

    /**
     * Appends the value as a field of {@code COPY ... FROM STDIN} in PostgreSQL's text format: {@code \N} for
     * null; backslash, tab, newline and carriage return escaped; instants in ISO-8601 with {@code Z}, which
     * {@code timestamptz} reads exactly; bytes in {@code bytea}'s hex form.
     */
    void appendCopyText(StringBuilder out) {
        Object v = value;
        if (v == null) {
            out.append("\\N");
            return;
        }
        switch (kind) {
            case TEXT -> escape((String) v, out);
            case BOOL -> out.append((Boolean) v ? 't' : 'f');
            case DECIMAL -> out.append(((BigDecimal) v).toPlainString());
            case BYTES -> out.append("\\\\x").append(HexFormat.of().formatHex((byte[]) v));
            default -> out.append(v);
        }
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
