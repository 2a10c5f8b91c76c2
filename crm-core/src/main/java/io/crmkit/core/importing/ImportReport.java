package io.crmkit.core.importing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of an import: counts per outcome and the rows that were rejected or duplicates (at most
 * {@link ImportOptions#keepProblems()} of them; every row's outcome goes to
 * {@link ImportOptions#onRow}).
 */
public record ImportReport(long total, long inserted, long updated, long rejected, long duplicates,
                           List<ImportRow> problems, boolean problemsTruncated, Duration elapsed) {
    public ImportReport {
        problems = List.copyOf(problems);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Rows stored per second. */
    public double rowsPerSecond() {
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        return (inserted + updated) / seconds;
    }
}
