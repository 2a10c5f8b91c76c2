package io.crmkit.core.importing;

import io.crmkit.core.ValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How to import: whether rows matching an existing record update it (and by which key), the batch size
 * (rows per transaction), callbacks for progress and for every row's outcome, and how many problem rows
 * the report keeps. Immutable.
 *
 * <pre>{@code
 * ImportOptions.upsertByExternalRef("erp").batchSize(1000).onProgress(p -> log.info("{} rows", p.processed()))
 * }</pre>
 *
 * Purchases always match by their external id: a known one is counted as a duplicate and not stored again.
 */
public final class ImportOptions {
    /** Which existing customer a row updates. */
    public enum MatchBy {
        /** Never update: every valid row is inserted. */
        NONE,
        /** The row's external reference in {@link #matchSystem()}. */
        EXTERNAL_REF,
        /** The row's first email address, case-insensitive. */
        EMAIL
    }

    private static final Consumer<ImportProgress> NO_PROGRESS = p -> { };
    private static final Consumer<ImportRow> NO_ROWS = r -> { };

    private final MatchBy matchBy;
    private final @Nullable String matchSystem;
    private final int batchSize;
    private final int keepProblems;
    private final Consumer<ImportProgress> onProgress;
    private final Consumer<ImportRow> onRow;

    private ImportOptions(MatchBy matchBy, @Nullable String matchSystem, int batchSize, int keepProblems,
                          Consumer<ImportProgress> onProgress, Consumer<ImportRow> onRow) {
        this.matchBy = matchBy;
        this.matchSystem = matchSystem;
        this.batchSize = batchSize;
        this.keepProblems = keepProblems;
        this.onProgress = onProgress;
        this.onRow = onRow;
    }

    /** Inserts every valid row. */
    public static ImportOptions insertOnly() {
        return new ImportOptions(MatchBy.NONE, null, 500, 1000, NO_PROGRESS, NO_ROWS);
    }

    /** Updates the customer holding the row's reference in {@code system}, inserts otherwise. */
    public static ImportOptions upsertByExternalRef(String system) {
        Objects.requireNonNull(system, "system");
        return new ImportOptions(MatchBy.EXTERNAL_REF, system.strip(), 500, 1000, NO_PROGRESS, NO_ROWS);
    }

    /** Updates the customer with the row's first email address, inserts otherwise. */
    public static ImportOptions upsertByEmail() {
        return new ImportOptions(MatchBy.EMAIL, null, 500, 1000, NO_PROGRESS, NO_ROWS);
    }

    /** Rows per transaction, 1 to 10,000. Default 500. */
    public ImportOptions batchSize(int rows) {
        if (rows < 1 || rows > 10_000) {
            throw ValidationException.of("batchSize", "range", "must be 1 to 10000 but was " + rows);
        }
        return new ImportOptions(matchBy, matchSystem, rows, keepProblems, onProgress, onRow);
    }

    /** How many rejected or duplicate rows the report lists (the counts are always complete). Default 1000. */
    public ImportOptions keepProblems(int rows) {
        if (rows < 0) {
            throw ValidationException.of("keepProblems", "range", "must not be negative but was " + rows);
        }
        return new ImportOptions(matchBy, matchSystem, batchSize, rows, onProgress, onRow);
    }

    /** Called after every batch, on the importing thread. */
    public ImportOptions onProgress(Consumer<ImportProgress> callback) {
        return new ImportOptions(matchBy, matchSystem, batchSize, keepProblems, Objects.requireNonNull(callback), onRow);
    }

    /** Called with every row's outcome after its batch committed, on the importing thread. */
    public ImportOptions onRow(Consumer<ImportRow> callback) {
        return new ImportOptions(matchBy, matchSystem, batchSize, keepProblems, onProgress, Objects.requireNonNull(callback));
    }

    public MatchBy matchBy() { return matchBy; }
    public Optional<String> matchSystem() { return Optional.ofNullable(matchSystem); }
    public int batchSize() { return batchSize; }
    public int keepProblems() { return keepProblems; }
    public Consumer<ImportProgress> progressCallback() { return onProgress; }
    public Consumer<ImportRow> rowCallback() { return onRow; }
}
