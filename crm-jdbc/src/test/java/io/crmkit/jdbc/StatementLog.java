package io.crmkit.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A host DataSource that records every statement crmkit executes on its connections, one entry per execution
 * (a JDBC batch counts each of its rows), so tests can see which tables a service call writes, and with the
 * parameters it was executed with, so that a test can run it again (under EXPLAIN, say).
 */
final class StatementLog implements DataSource {
    private static final Pattern WRITE = Pattern.compile("(?is)^\\s*(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+(\\w+).*");

    private final DataSource target;
    private final List<String> executed = new ArrayList<>();
    private final List<Execution> executions = new ArrayList<>();
    private boolean recording;

    StatementLog(DataSource target) {
        this.target = target;
    }

    /** Starts recording afresh. */
    synchronized void start() {
        executed.clear();
        executions.clear();
        recording = true;
    }

    /** The statements executed since {@link #start()}. */
    synchronized List<String> executed() {
        return List.copyOf(executed);
    }

    /** The statements executed since {@link #start()}, with their parameters. */
    synchronized List<Execution> executions() {
        return List.copyOf(executions);
    }

    /** One execution of a statement: its text and the {@code set...} calls that bound its parameters. */
    record Execution(String sql, List<Bind> binds) {
        /** Prepares the statement text {@code before + sql} on {@code c} with the same parameters. */
        PreparedStatement prepare(Connection c, String before) throws SQLException {
            PreparedStatement ps = c.prepareStatement(before + sql);
            try {
                for (Bind b : binds) {
                    invoke(b.method(), ps, b.args());
                }
            } catch (Throwable e) {
                ps.close();
                throw new SQLException("cannot bind the recorded parameters", e);
            }
            return ps;
        }
    }

    /** One {@code PreparedStatement.set...} call. */
    record Bind(java.lang.reflect.Method method, Object[] args) {
    }

    /**
     * The writes since {@link #start()} as {@code "INSERT customer_consents"}, {@code "UPDATE customers"}, one
     * per executed row, with the table prefix taken off.
     */
    synchronized List<String> writes(String prefix) {
        List<String> out = new ArrayList<>();
        for (String sql : executed) {
            Matcher m = WRITE.matcher(sql);
            if (m.matches()) {
                String verb = m.group(1).split("\\s+")[0].toUpperCase(Locale.ROOT);
                String table = m.group(2).toLowerCase(Locale.ROOT);
                out.add(verb + " " + (table.startsWith(prefix) ? table.substring(prefix.length()) : table));
            }
        }
        return out;
    }

    private synchronized void record(String sql, List<Bind> binds) {
        if (recording) {
            executed.add(sql);
            executions.add(new Execution(sql, List.copyOf(binds)));
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(target.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return connection(target.getConnection(user, password));
    }

    private Connection connection(Connection c) {
        return proxy(Connection.class, c, (proxy, method, args) -> {
            Object result = invoke(method, c, args);
            if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
                return statement(ps, (String) args[0]);
            }
            return result;
        });
    }

    private PreparedStatement statement(PreparedStatement ps, String sql) {
        List<Bind> binds = new ArrayList<>();
        return proxy(PreparedStatement.class, ps, (proxy, method, args) -> {
            switch (method.getName()) {
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch" -> {
                    if (args == null || args.length == 0) {
                        record(sql, binds);
                    }
                }
                case "clearParameters" -> binds.clear();
                default -> {
                    if (method.getName().startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                        binds.add(new Bind(method, args.clone()));
                    }
                }
            }
            return invoke(method, ps, args);
        });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}
