package io.crmkit.jdbc.internal;

import io.crmkit.core.CrmException;
import io.crmkit.core.commerce.PurchaseRepository;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.interaction.InteractionRepository;
import io.crmkit.core.messaging.OutboxRepository;
import io.crmkit.core.requirement.RequirementRepository;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import io.crmkit.core.task.TaskRepository;
import io.crmkit.jdbc.internal.commerce.JdbcPurchases;
import io.crmkit.jdbc.internal.customer.JdbcCustomers;
import io.crmkit.jdbc.internal.interaction.JdbcInteractions;
import io.crmkit.jdbc.internal.messaging.JdbcOutbox;
import io.crmkit.jdbc.internal.requirement.JdbcRequirements;
import io.crmkit.jdbc.internal.satisfaction.JdbcSurveys;
import io.crmkit.jdbc.internal.sql.Dialect;
import io.crmkit.jdbc.internal.sql.Errors;
import io.crmkit.jdbc.internal.sql.Sql;
import io.crmkit.jdbc.internal.task.JdbcTasks;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * Runs units of work: one connection and one transaction per outermost unit of work, joined by nested
 * ones on the same thread. Commits when the work returns, rolls back when it throws and rethrows the
 * exception unchanged.
 */
public final class JdbcEngine {
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String prefix;
    private final Errors errors;
    private final ThreadLocal<@Nullable Tx> current = new ThreadLocal<>();

    public JdbcEngine(DataSource dataSource, Dialect dialect, String prefix, Errors errors) {
        this.jdbi = Jdbi.create(dataSource);
        this.dialect = dialect;
        this.prefix = prefix;
        this.errors = errors;
        errors.dialect(dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    public <T> T inTransaction(UnitOfWork<T> work) {
        Tx joined = current.get();
        if (joined != null) {
            return work.run(joined);
        }
        return run(sql -> {
            Tx tx = new Tx(sql);
            current.set(tx);
            try {
                return work.run(tx);
            } finally {
                current.remove();
            }
        });
    }

    /** Runs {@code work} on the statements of a unit of work, joining the current one of this thread if any. */
    public <T> T withSql(Function<Sql, T> work) {
        Tx joined = current.get();
        return joined != null ? work.apply(joined.sql) : run(work);
    }

    private <T> T run(Function<Sql, T> work) {
        Handle handle;
        try {
            handle = jdbi.open();
        } catch (RuntimeException e) {
            throw errors.map("open a database connection", e);
        }
        try {
            try {
                handle.begin();
            } catch (RuntimeException e) {
                throw errors.map("begin a transaction", e);
            }
            T result;
            try {
                result = work.apply(new Sql(handle.getConnection(), dialect, prefix, errors));
            } catch (Throwable t) {
                rollback(handle, t);
                throw t;
            }
            try {
                handle.commit();
            } catch (RuntimeException e) {
                CrmException mapped = errors.map("commit the transaction", e);
                rollback(handle, mapped);
                throw mapped;
            }
            return result;
        } finally {
            try {
                handle.close();
            } catch (RuntimeException ignored) {
                // the connection is broken; the pool evicts it
            }
        }
    }

    private void rollback(Handle handle, Throwable cause) {
        try {
            handle.rollback();
        } catch (RuntimeException e) {
            cause.addSuppressed(errors.map("roll back the transaction", e));
        }
    }

    /** The repositories of one transaction. */
    private static final class Tx implements Repositories {
        private final Sql sql;
        private final JdbcCustomers customers;
        private final JdbcInteractions interactions;
        private final JdbcRequirements requirements;
        private final JdbcTasks tasks;
        private final JdbcSurveys surveys;
        private final JdbcPurchases purchases;
        private final JdbcOutbox outbox;

        Tx(Sql sql) {
            this.sql = sql;
            customers = new JdbcCustomers(sql);
            interactions = new JdbcInteractions(sql);
            requirements = new JdbcRequirements(sql);
            tasks = new JdbcTasks(sql);
            surveys = new JdbcSurveys(sql);
            purchases = new JdbcPurchases(sql);
            outbox = new JdbcOutbox(sql);
        }

        @Override public CustomerRepository customers() { return customers; }
        @Override public InteractionRepository interactions() { return interactions; }
        @Override public RequirementRepository requirements() { return requirements; }
        @Override public TaskRepository tasks() { return tasks; }
        @Override public SurveyRepository surveys() { return surveys; }
        @Override public PurchaseRepository purchases() { return purchases; }
        @Override public OutboxRepository outbox() { return outbox; }
    }

}
