package io.crmkit.messaging;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The slf4j provider of this module's tests. It prints INFO and above to {@code System.err}, and while a
 * {@link #capture() capture} is open it also keeps every event of crmkit's own loggers ({@code io.crmkit.*})
 * at every level, TRACE included, with the full stack trace of any exception logged, so a test can check
 * what the library writes to its logs. Registered in {@code META-INF/services}.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
    private static final String CRMKIT = "io.crmkit.";
    private static final List<Capture> OPEN = new CopyOnWriteArrayList<>();

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, TestLogger::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Starts keeping crmkit's log events, from every thread, until the capture is closed. */
    static Capture capture() {
        Capture capture = new Capture();
        OPEN.add(capture);
        return capture;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    /** The events logged while it was open, one after the other, each with its stack trace. */
    static final class Capture implements AutoCloseable {
        private final StringBuilder text = new StringBuilder();
        private int events;

        private synchronized void add(String event) {
            text.append(event).append('\n');
            events++;
        }

        /** Everything captured so far. */
        synchronized String text() {
            return text.toString();
        }

        /** How many events were captured. */
        synchronized int events() {
            return events;
        }

        @Override
        public void close() {
            OPEN.remove(this);
        }
    }

    private static final class TestLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;
        private final boolean ours;

        TestLogger(String name) {
            this.name = name;
            this.ours = name.startsWith(CRMKIT);
        }

        private boolean enabled(Level level) {
            return level.toInt() >= Level.INFO.toInt() || (ours && !OPEN.isEmpty());
        }

        // Every level asks enabled(level); the marker variants of LegacyAbstractLogger ask these.
        @Override public boolean isTraceEnabled() { return enabled(Level.TRACE); }
        @Override public boolean isDebugEnabled() { return enabled(Level.DEBUG); }
        @Override public boolean isInfoEnabled() { return enabled(Level.INFO); }
        @Override public boolean isWarnEnabled() { return enabled(Level.WARN); }
        @Override public boolean isErrorEnabled() { return enabled(Level.ERROR); }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            StringBuilder event = new StringBuilder().append('[').append(Thread.currentThread().getName()).append("] ")
                    .append(level).append(' ').append(name).append(" - ")
                    .append(MessageFormatter.basicArrayFormat(pattern, arguments));
            if (throwable != null) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                event.append('\n').append(trace);
            }
            String line = event.toString();
            if (level.toInt() >= Level.INFO.toInt()) {
                PrintStream err = System.err;
                err.println(line);
            }
            if (ours) {
                OPEN.forEach(c -> c.add(line));
            }
        }
    }
}
