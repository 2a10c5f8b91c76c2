package io.crmkit.jdbc.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crmkit.core.ConflictException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Sql#insert}: the bulk way of each database (COPY on PostgreSQL, multi-row inserts on MariaDB, batches on
 * H2) stores every value exactly as the row-by-row way does, including the characters COPY's text format escapes,
 * text that looks like its null marker, nulls of every type, and a unique violation fails the whole insert. No
 * fallback hides a failure here: the statements run on a plain connection.
 */
class BulkInsertTest {
    private static final String[] TEXTS = {"back\\slash \\N", "\\N", "\\.", "tab\there", "line\nbreak\r\nend",
        "'; DROP TABLE x; --", "张三 😀 \\x41", "", "naïve café", "\"quoted\", comma", "\\\\", "end\\"};

    private static @Nullable String url(String db) {
        String url = switch (db) {
            case "h2" -> "jdbc:h2:mem:bulk" + UUID.randomUUID().toString().replace("-", "");
            case "postgresql" -> System.getenv("CRM_TEST_POSTGRES_URL");
            default -> System.getenv("CRM_TEST_MARIADB_URL");
        };
        return url == null || url.isBlank() ? null : url;
    }

    /** Row {@code i} of the table: every type, with nulls in some rows. */
    private static List<@Nullable Object> row(int i) {
        boolean nulls = i % 5 == 4;
        return Arrays.asList(new UUID(i, i * 31L), i, (long) i << 33, TEXTS[i % TEXTS.length],
                nulls ? null : TEXTS[(i + 3) % TEXTS.length],
                nulls ? null : Instant.parse("2026-12-04T10:15:30.123456Z").plusSeconds(i),
                nulls ? null : LocalDate.of(2026, 1, 1).plusDays(i), i % 2 == 0,
                new BigDecimal("12345.67").add(BigDecimal.valueOf(i)),
                ("bytes " + i + " \\ \t").getBytes(StandardCharsets.UTF_8), nulls ? null : new UUID(7, i));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void everyValueComesBackAsWrittenWhicheverWayTheRowsWent(String db) throws SQLException {
        String url = url(db);
        assumeTrue(url != null, () -> db + " is skipped: set CRM_TEST_POSTGRES_URL / CRM_TEST_MARIADB_URL (.ci/run does)");
        String table = "bulk" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = DriverManager.getConnection(url)) {
            Dialect dialect = Dialect.detect(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id " + uuidType(dialect) + " NOT NULL PRIMARY KEY, n INTEGER NOT NULL,"
                        + " big BIGINT NOT NULL, t1 VARCHAR(100) NOT NULL, t2 VARCHAR(100), at_t " + timeType(dialect) + ","
                        + " dt DATE, flag BOOLEAN NOT NULL, amount DECIMAL(12, 2) NOT NULL, raw " + bytesType(dialect)
                        + " NOT NULL, other " + uuidType(dialect) + ")");
            }
            try {
                c.setAutoCommit(false);
                Errors errors = new Errors(List.of());
                errors.dialect(dialect);
                Sql sql = new Sql(c, dialect, "", errors);
                int n = Sql.BULK_ROWS * 3 + 7;
                Sql.Batch bulk = sql.insert(table, "id, n, big, t1, t2, at_t, dt, flag, amount, raw, other");
                for (int i = 0; i < n; i++) {
                    add(bulk, row(i));
                }
                bulk.execute();
                c.commit();

                List<List<@Nullable Object>> read = read(sql, table);
                assertThat(read).hasSize(n);
                for (int i = 0; i < n; i++) {
                    assertThat(normalised(read.get(i))).as("row " + i).isEqualTo(normalised(row(i)));
                }

                // a key that is already there fails the whole bulk insert; nothing of it stays
                Sql.Batch again = sql.insert(table, "id, n, big, t1, t2, at_t, dt, flag, amount, raw, other");
                for (int i = n; i < n + Sql.BULK_ROWS; i++) {
                    add(again, row(i));
                }
                add(again, row(0));
                assertThatThrownBy(() -> sql.write("insert again", again::execute)).isInstanceOf(ConflictException.class);
                c.commit();
                assertThat(read(sql, table)).hasSize(n);
            } finally {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + table);
                }
            }
        }
    }

    private static void add(Sql.Batch b, List<@Nullable Object> r) {
        b.uuid((UUID) r.get(0)).integer((Integer) Objects.requireNonNull(r.get(1))).lng((Long) r.get(2))
                .text((String) r.get(3)).text((String) r.get(4)).instant((Instant) r.get(5)).date((LocalDate) r.get(6))
                .bool((Boolean) Objects.requireNonNull(r.get(7))).decimal((BigDecimal) Objects.requireNonNull(r.get(8)))
                .bytes((byte[]) Objects.requireNonNull(r.get(9))).uuid((UUID) r.get(10)).add();
    }

    private static List<List<@Nullable Object>> read(Sql sql, String table) {
        return sql.read("read back", () -> sql.stmt("SELECT id, n, big, t1, t2, at_t, dt,"
                + " CASE WHEN flag THEN 1 ELSE 0 END AS flag_n, amount, raw, other FROM " + table + " ORDER BY n")
                .list(r -> Arrays.asList(r.uuid("id"), r.integer("n"), r.lng("big"), r.text("t1"),
                r.nullableText("t2"), r.nullableInstant("at_t"), r.optDate("dt").orElse(null), r.integer("flag_n") == 1,
                r.decimal("amount"), r.bytes("raw"), r.optUuid("other").orElse(null))));
    }

    /** Byte arrays as text, so that rows compare by value. */
    private static List<@Nullable Object> normalised(List<@Nullable Object> row) {
        List<@Nullable Object> out = new ArrayList<>(row);
        out.set(9, new String((byte[]) Objects.requireNonNull(row.get(9)), StandardCharsets.UTF_8));
        return out;
    }

    private static String uuidType(Dialect d) {
        return d == Dialect.MARIADB ? "BINARY(16)" : "UUID";
    }

    private static String timeType(Dialect d) {
        return switch (d) {
            case H2 -> "TIMESTAMP(6) WITH TIME ZONE";
            case POSTGRESQL -> "TIMESTAMPTZ";
            case MARIADB -> "DATETIME(6)";
        };
    }

    private static String bytesType(Dialect d) {
        return switch (d) {
            case H2 -> "VARBINARY(100)";
            case POSTGRESQL -> "BYTEA";
            case MARIADB -> "VARBINARY(100)";
        };
    }
}
