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

    /** Runs {@code work} on the statements of a new transaction. */
    public <T> T run(Function<Sql, T> work) {
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
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is broken; the pool evicts it
            }
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
