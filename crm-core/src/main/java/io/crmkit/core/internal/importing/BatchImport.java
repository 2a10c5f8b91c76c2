package io.crmkit.core.internal.importing;

import io.crmkit.core.ConflictException;
import io.crmkit.core.CrmException;
import io.crmkit.core.ValidationException.Violation;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportProgress;
import io.crmkit.core.importing.ImportReport;
import io.crmkit.core.importing.ImportRow;
import io.crmkit.core.internal.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The batching, counting and reporting shared by every import. A batch is one transaction; if it fails
 * as a whole (a race on a unique key, a storage error), its rows are retried one by one so that only
 * the failing rows are rejected.
 */
public final class BatchImport {
    private BatchImport() {
    }

    /** An input row and its position. */
    public record Row<R>(long index, R value) {
    }

    /** Validates and writes rows inside a transaction; row-level problems become outcomes, not exceptions. */
    public interface Writer<R> {
        /**
         * @param seen      keys of rows written by earlier batches
         * @param batchKeys keys of this batch, to add to as rows are accepted
         */
        List<ImportRow> write(List<Row<R>> rows, Engine.Tx tx, KeySet seen, KeySet batchKeys);
    }

    public static <R> ImportReport run(Engine engine, Iterator<R> input, ImportOptions options, Writer<R> writer) {
        long started = System.nanoTime();
        KeySet seen = new KeySet();
        Counts counts = new Counts(options.keepProblems());
        long index = 0;
        List<Row<R>> batch = new ArrayList<>(options.batchSize());
        while (input.hasNext()) {
            batch.add(new Row<>(index++, input.next()));
            if (batch.size() == options.batchSize() || !input.hasNext()) {
                for (ImportRow row : writeBatch(engine, batch, writer, seen)) {
                    counts.add(row);
                    options.rowCallback().accept(row);
                }
                options.progressCallback().accept(counts.progress());
                batch.clear();
            }
        }
        return counts.report(Duration.ofNanos(System.nanoTime() - started));
    }

    private static <R> List<ImportRow> writeBatch(Engine engine, List<Row<R>> batch, Writer<R> writer, KeySet seen) {
        try {
            KeySet batchKeys = new KeySet();
            List<ImportRow> rows = engine.write(tx -> writer.write(batch, tx, seen, batchKeys));
            seen.addAll(batchKeys);
            return rows;
        } catch (CrmException whole) {
            if (batch.size() == 1) {
                return List.of(rejected(batch.get(0).index(), whole));
            }
            List<ImportRow> rows = new ArrayList<>(batch.size());
            for (Row<R> row : batch) {
                rows.addAll(writeBatch(engine, List.of(row), writer, seen));
            }
            return rows;
        }
    }

    public static ImportRow rejected(long index, CrmException e) {
        String code = e instanceof ConflictException ? "conflict" : "storage";
        return new ImportRow(index, ImportRow.Outcome.REJECTED, Optional.empty(),
                List.of(new Violation("row", code, String.valueOf(e.getMessage()))));
    }

    private static final class Counts {
        private final int keep;
        private long total;
        private long inserted;
        private long updated;
        private long rejected;
        private long duplicates;
        private final List<ImportRow> problems = new ArrayList<>();
        private boolean truncated;

        Counts(int keep) {
            this.keep = keep;
        }

        void add(ImportRow row) {
            total++;
            switch (row.outcome()) {
                case INSERTED -> inserted++;
                case UPDATED -> updated++;
                case REJECTED -> rejected++;
                case DUPLICATE -> duplicates++;
                default -> throw new IllegalStateException();
            }
            if (row.outcome() == ImportRow.Outcome.REJECTED || row.outcome() == ImportRow.Outcome.DUPLICATE) {
                if (problems.size() < keep) {
                    problems.add(row);
                } else {
                    truncated = true;
                }
            }
        }

        ImportProgress progress() {
            return new ImportProgress(total, inserted, updated, rejected, duplicates);
        }

        ImportReport report(Duration elapsed) {
            return new ImportReport(total, inserted, updated, rejected, duplicates, problems, truncated, elapsed);
        }
    }
}
