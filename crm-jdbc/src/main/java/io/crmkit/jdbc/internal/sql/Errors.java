package io.crmkit.jdbc.internal.sql;

import io.crmkit.core.ConflictException;
import io.crmkit.core.CrmException;
import io.crmkit.core.StorageException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns driver and pool exceptions into crmkit's: unique violations and lost races become
 * {@link ConflictException}, everything else {@link StorageException}. Messages name the operation and
 * never contain the configured secrets: where a driver message would leak one, the cause is replaced by
 * a scrubbed copy.
 */
public final class Errors {
    private final List<String> secrets;
    private volatile @Nullable Dialect dialect;

    public Errors(List<String> secrets) {
        List<String> s = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                s.add(secret);
            }
        }
        this.secrets = List.copyOf(s);
    }

    public void dialect(Dialect d) {
        this.dialect = d;
    }

    /** Replaces every secret in {@code text}. */
    public String scrub(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String t = text;
        for (String s : secrets) {
            t = t.replace(s, "****");
        }
        return t;
    }

    /** Maps {@code e}, thrown while doing {@code operation}, to a crmkit exception. */
    public CrmException map(String operation, Throwable e) {
        if (e instanceof CrmException c) {
            return c;
        }
        SQLException sql = findSql(e);
        Dialect d = dialect;
        if (sql != null && d != null && d.isUniqueViolation(sql)) {
            return new ConflictException(operation + ": a unique key is taken (" + constraint(sql) + ")", safe(e));
        }
        if (sql != null && d != null && d.isConcurrencyFailure(sql)) {
            return new ConflictException(operation + ": lost a race with a concurrent transaction, try again", safe(e));
        }
        String detail = sql != null ? describe(sql) : e.getClass().getSimpleName() + ": " + rootMessage(e);
        return new StorageException(operation + " failed: " + scrub(detail), safe(e));
    }

    private static String describe(SQLException sql) {
        String m = sql.getMessage();
        if (m != null && m.length() > 500) {
            m = m.substring(0, 500) + "...";
        }
        return m + " [SQLState " + sql.getSQLState() + ", code " + sql.getErrorCode() + "]";
    }

    private String constraint(SQLException sql) {
        String m = scrub(sql.getMessage());
        int nl = m.indexOf('\n');
        String first = nl < 0 ? m : m.substring(0, nl);
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " / " + t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    static @Nullable SQLException findSql(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** The cause to attach: {@code e} itself unless a message in its chain holds a secret. */
    private Throwable safe(Throwable e) {
        if (secrets.isEmpty()) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !scrub(m).equals(m)) {
                SQLException sql = findSql(e);
                SQLException copy = new SQLException(scrub(sql != null ? sql.getMessage() : rootMessage(e)),
                        sql != null ? sql.getSQLState() : null, sql != null ? sql.getErrorCode() : 0);
                copy.setStackTrace(e.getStackTrace());
                return copy;
            }
        }
        return e;
    }
}
