package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.CrmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The transaction runner: one connection from the pool and one transaction per call. Commits when the work
 * returns, rolls back when it throws and rethrows the exception unchanged; gives the connection back as it
 * found it (auto-commit on again) so a host's pool gets it in the state it lent it.
 */
public final class Transactions {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final String prefix;
    private final Errors errors;

    public Transactions(DataSource dataSource, Dialect dialect, String prefix, Errors errors) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.errors = errors;
    }

    /**
     * Runs {@code work}, which only reads, on a connection of its own. On PostgreSQL and H2, whose default
     * isolation (read committed) gives every statement its own view even inside a transaction, it runs in
     * auto-commit mode and saves the transaction's round trips; on MariaDB, whose transactions read one
     * snapshot, and on a connection a host lends without auto-commit, it runs in a transaction.
     */
    public <T> T read(Function<Sql, T> work) {
        return onConnection(dialect != Dialect.MARIADB, work);
    }

    /** Runs {@code work} on the statements of a new transaction. */
    public <T> T run(Function<Sql, T> work) {
        return onConnection(false, work);
    }

    /** Borrows a connection for {@code work}: in auto-commit if allowed and the connection is in it, else in a transaction. */
    private <T> T onConnection(boolean autoCommitAllowed, Function<Sql, T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            throw errors.map("open a database connection", e);
        }
        try {
            boolean autoCommit;
            try {
                autoCommit = connection.getAutoCommit();
            } catch (SQLException e) {
                throw errors.map("begin a transaction", e);
            }
            return autoCommit && autoCommitAllowed ? work.apply(new Sql(connection, dialect, prefix, errors))
                    : inTransaction(connection, autoCommit, work);
        } finally {
            close(connection);
        }
    }

    /** One transaction on {@code connection}; auto-commit is switched off for it and back on after if it was on. */
    private <T> T inTransaction(Connection connection, boolean autoCommit, Function<Sql, T> work) {
        try {
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw errors.map("begin a transaction", e);
        }
        try {
            T result;
            try {
                result = work.apply(new Sql(connection, dialect, prefix, errors));
            } catch (Throwable t) {
                rollback(connection, t);
                throw t;
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                CrmException mapped = errors.map("commit the transaction", e);
                rollback(connection, mapped);
                throw mapped;
            }
            return result;
        } finally {
            if (autoCommit) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the connection is broken; closing it lets the pool evict it
                }
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is broken; the pool evicts it
        }
    }

    private void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(errors.map("roll back the transaction", e));
        }
    }
}
