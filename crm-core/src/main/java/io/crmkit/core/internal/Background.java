package io.crmkit.core.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The one background thread a component of a CRM may own (the outbox dispatcher, the SLA monitor). */
public final class Background {
    private Background() {
    }

    /** A scheduler on one daemon thread named {@code name}, whose delayed tasks are dropped when it shuts down. */
    public static ScheduledExecutorService thread(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /**
     * Shuts {@code executor} down, waiting up to {@code wait} for the task in flight, then interrupting it; returns
     * whether it ended in time.
     */
    public static boolean stop(ScheduledExecutorService executor, Duration wait) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            executor.shutdownNow();
            return false;
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
