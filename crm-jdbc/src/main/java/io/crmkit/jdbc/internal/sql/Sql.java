package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.CrmException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The SQL side of one unit of work: a connection in a transaction, the dialect and the table prefix.
 * Statements are written with {@code {p}} before table names and positional {@code ?} parameters bound
 * through typed methods, so ids and instants are bound the way the dialect wants.
 */
public final class Sql {
    private final Connection connection;
    private final Dialect dialect;
    private final String prefix;
    private final Errors errors;
    private int savepoints;

    /** Statements on {@code connection}, which the caller owns and whose transaction it ends. */
    public Sql(Connection connection, Dialect dialect, String prefix, Errors errors) {
        this.connection = connection;
        this.dialect = dialect;
        this.prefix = prefix;
        this.errors = errors;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String sql(String template) {
        return template.replace("{p}", prefix);
    }

    public Stmt stmt(String template) {
        return new Stmt(sql(template));
    }

    public Batch batch(String template) {
        return new Batch(sql(template), null, 0);
    }

    /**
     * A batch of rows for {@code table} (without {@code {p}}), one value per column in order, sent the fastest way
     * the database takes many rows: {@code COPY} on PostgreSQL, multi-row {@code INSERT}s on MariaDB, JDBC batches
     * on H2 (embedded: no round trips to save). A few rows go as a JDBC batch everywhere.
     *
     * @param columns the column names, comma separated
     */
    public Batch insert(String table, String columns) {
        return insert(table, Arrays.stream(columns.split(",")).map(String::strip).toList());
    }

    /** {@link #insert(String, String)} with the columns as a list. */
    public Batch insert(String table, List<String> columns) {
        String names = String.join(", ", columns);
        return new Batch(sql("INSERT INTO {p}" + table + " (" + names + ") VALUES (" + marks(columns.size()) + ")"),
                prefix + table + " (" + names + ")", columns.size());
    }

    /** Runs a read; maps SQL errors. */
    public <T> T read(String operation, Supplier<T> body) {
        try {
            return body.get();
        } catch (CrmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw errors.map(operation, e);
        }
    }

    /**
     * Runs a unit of work nested in this one as a savepoint: if it throws, what it did is rolled back (and
     * only that) and the exception is rethrown unchanged, so the enclosing work may catch it and go on.
     */
    public <T> T nested(Supplier<T> work) {
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint("crm_n" + (++savepoints));
        } catch (SQLException e) {
            throw errors.map("begin a nested unit of work", e);
        }
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException suppressed) {
                e.addSuppressed(errors.map("roll back a nested unit of work", suppressed));
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw errors.map("end a nested unit of work", e);
        }
        return result;
    }

    /**
     * Runs a write of several statements atomically inside the unit of work: on any failure the
     * statements done so far are rolled back to a savepoint, so the caller may catch the exception and
     * go on (on PostgreSQL the transaction stays usable), and the exception is mapped.
     */
    public void write(String operation, Runnable body) {
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint("crm_w" + (++savepoints));
        } catch (SQLException e) {
            throw errors.map(operation, e);
        }
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException suppressed) {
                e.addSuppressed(errors.map("roll back " + operation, suppressed));
            }
            if (e instanceof CrmException c) {
                throw c;
            }
            if (e instanceof RuntimeException r) {
                throw errors.map(operation, r);
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw errors.map(operation, e);
        }
    }

    /**
     * Runs a write without a savepoint, for the last write of a unit of work (the audit trail's append), whose
     * failure fails the whole unit of work anyway: two fewer calls (two round trips on PostgreSQL) than
     * {@link #write}. Maps SQL errors like it.
     */
    public void writeLast(String operation, Runnable body) {
        try {
            body.run();
        } catch (CrmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw errors.map(operation, e);
        }
    }

    /** Reads one row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(Row row) throws SQLException;
    }

    /** Binds the values to the statement's parameters, in order. */
    static void bindAll(PreparedStatement ps, List<Param> values, Dialect dialect) throws SQLException {
        bindAll(ps, values, dialect, 1);
    }

    /** Binds the values to the statement's parameters from {@code first} on; the index after the last. */
    static int bindAll(PreparedStatement ps, List<Param> values, Dialect dialect, int first) throws SQLException {
        int i = first;
        for (Param v : values) {
            v.bind(i++, ps, dialect);
        }
        return i;
    }

    /** A parameter binder shared by statements and batches. */
    public abstract static class Params<S extends Params<S>> {
        final List<Param> args = new ArrayList<>();
        final Dialect dialect;

        Params(Dialect dialect) {
            this.dialect = dialect;
        }

        abstract S self();

        private S add(Param.Kind kind, @Nullable Object value) {
            args.add(new Param(kind, value));
            return self();
        }

        public S uuid(@Nullable UUID v) {
            return add(Param.Kind.UUID, v);
        }

        public S uuids(Collection<UUID> ids) {
            for (UUID id : ids) {
                uuid(id);
            }
            return self();
        }

        public S text(@Nullable String v) {
            return add(Param.Kind.TEXT, v);
        }

        public S text(Optional<String> v) {
            return text(v.orElse(null));
        }

        public S instant(@Nullable Instant v) {
            return add(Param.Kind.INSTANT, v);
        }

        public S date(@Nullable LocalDate v) {
            return add(Param.Kind.DATE, v);
        }

        public S lng(@Nullable Long v) {
            return add(Param.Kind.LONG, v);
        }

        public S integer(int v) {
            return add(Param.Kind.INT, v);
        }

        public S bool(boolean v) {
            return add(Param.Kind.BOOL, v);
        }

        public S decimal(BigDecimal v) {
            return add(Param.Kind.DECIMAL, v);
        }

        public S bytes(byte[] v) {
            return add(Param.Kind.BYTES, v);
        }

        public S enumName(@Nullable Enum<?> v) {
            return text(v == null ? null : v.name());
        }
    }

    /** One statement with its parameters. */
    public final class Stmt extends Params<Stmt> {
        private final String sql;

        Stmt(String sql) {
            super(Sql.this.dialect);
            this.sql = sql;
        }

        @Override
        Stmt self() {
            return this;
        }

        public int execute() {
            try (PreparedStatement ps = prepare()) {
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new Failure(e);
            }
        }

        /**
         * Plans this statement for its actual parameters every time. For the batch look-ups with long IN
         * lists: PostgreSQL would otherwise, after five executions of a server-prepared statement, keep a
         * generic plan made while the table was small (a sequential scan) as an import fills the table.
         */
        public Stmt planEachTime() {
            this.planEachTime = true;
            return this;
        }

        private boolean planEachTime;

        public <T> List<T> list(RowReader<T> reader) {
            try (PreparedStatement ps = prepare(); ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                Row row = new Row(rs, dialect);
                while (rs.next()) {
                    rows.add(reader.read(row));
                }
                return rows;
            } catch (SQLException e) {
                throw new Failure(e);
            }
        }

        /**
         * The statement on the unit of work's connection with its parameters bound: plain JDBC, which measured
         * faster than Jdbi's statements, even configured for speed, on embedded H2 (crm-bench's
         * JdbiStatementsBenchmark, docs/benchmarks.md).
         */
        private PreparedStatement prepare() throws SQLException {
            PreparedStatement ps = connection.prepareStatement(sql);
            try {
                if (planEachTime && dialect == Dialect.POSTGRESQL) {
                    ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0);
                }
                bindAll(ps, args, dialect);
                return ps;
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }

        public <T> Optional<T> one(RowReader<T> reader) {
            List<T> all = list(reader);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
        }
    }

    /** A batch of rows for one statement; {@link #add()} ends a row. */
    public final class Batch extends Params<Batch> {
        private final String sql;
        /** {@code table (columns)} of an {@link #insert}, else null. */
        private final @Nullable String target;
        private final int columns;
        private final List<List<Param>> rows = new ArrayList<>();

        Batch(String sql, @Nullable String target, int columns) {
            super(Sql.this.dialect);
            this.sql = sql;
            this.target = target;
            this.columns = columns;
        }

        @Override
        Batch self() {
            return this;
        }

        public Batch add() {
            rows.add(new ArrayList<>(args));
            args.clear();
            return this;
        }

        /** The rows added so far. */
        public int size() {
            return rows.size();
        }

        /**
         * Sends the rows on the unit of work's connection, then forgets them: as JDBC batches of at most
         * {@value #CHUNK} rows (the driver may rewrite each into multi-row inserts), or, for an {@link #insert} of
         * {@value #BULK_ROWS} rows or more, with {@code COPY} on PostgreSQL and multi-row inserts on MariaDB.
         */
        public void execute() {
            if (rows.isEmpty()) {
                return;
            }
            if (target != null && rows.size() >= BULK_ROWS && dialect != Dialect.H2) {
                try {
                    if (dialect == Dialect.POSTGRESQL) {
                        PostgresCopy.copy(connection, target, rows);
                    } else {
                        multiRowInserts(target);
                    }
                } catch (SQLException e) {
                    throw new Failure(e);
                } finally {
                    rows.clear();
                }
                return;
            }
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int pending = 0;
                for (List<Param> row : rows) {
                    bindAll(ps, row, dialect);
                    if (rows.size() == 1) {
                        ps.executeUpdate();
                        break;
                    }
                    ps.addBatch();
                    if (++pending == CHUNK) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            } catch (SQLException e) {
                throw new Failure(e);
            } finally {
                rows.clear();
            }
        }

        /** {@code INSERT INTO t (...) VALUES (...), (...), ...} of up to {@value #CHUNK} rows each. */
        private void multiRowInserts(String target) throws SQLException {
            int perStatement = Math.min(CHUNK, MAX_PARAMETERS / columns);
            String row = "(" + marks(columns) + ")";
            for (List<List<Param>> chunk : chunks(rows, perStatement)) {
                String statement = "INSERT INTO " + target + " VALUES "
                        + String.join(", ", Collections.nCopies(chunk.size(), row));
                try (PreparedStatement ps = connection.prepareStatement(statement)) {
                    int next = 1;
                    for (List<Param> values : chunk) {
                        next = bindAll(ps, values, dialect, next);
                    }
                    ps.executeUpdate();
                }
            }
        }
    }

    /** Rows per {@code executeBatch} call. */
    public static final int CHUNK = 1000;
    /**
     * Rows from which an {@link #insert} batch is copied (PostgreSQL) or sent as multi-row inserts (MariaDB): a
     * customer's own few child rows go as a JDBC batch, an import's thousands the bulk way.
     */
    static final int BULK_ROWS = 64;
    /** Most parameters of one statement: MariaDB and PostgreSQL take 65,535. */
    private static final int MAX_PARAMETERS = 65_535;

    /** Values per IN list of the batch look-ups. */
    public static final int IN_CHUNK = 500;

    /** An SQL error of a statement run on the raw connection; {@link Errors} maps its cause. */
    static final class Failure extends RuntimeException {
        Failure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Splits {@code values} into lists of at most {@code size}, for IN lists of bounded length. */
    public static <T> List<List<T>> chunks(Collection<T> values, int size) {
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>(Math.min(size, values.size()));
        for (T v : values) {
            current.add(v);
            if (current.size() == size) {
                out.add(current);
                current = new ArrayList<>(size);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** Placeholders {@code ?, ?, ?} for an IN list. */
    public static String marks(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    /** Escapes LIKE wildcards with {@code !} as the escape character: for {@code LIKE ? ESCAPE '!'}. */
    public static String escapeLike(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '!' || ch == '%' || ch == '_') {
                sb.append('!');
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
