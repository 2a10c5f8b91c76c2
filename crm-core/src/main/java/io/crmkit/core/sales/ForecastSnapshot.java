package io.crmkit.core.sales;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The forecast as it stood in one week, kept so that it can later be set against what was won
 * ({@link OpportunityService#forecastVsActual}). A snapshot is taken of every opportunity
 * ({@link OpportunityService#snapshotForecast()}), and read as far as the reader's access reaches: the rows of the
 * owners and departments whose opportunities they may read.
 *
 * @param week    the Monday of the week it belongs to (in UTC)
 * @param takenAt when it was taken; taking it again in the same week replaces it
 * @param rows    the sums by period, grouping, category and currency that the reader may see, as
 *                {@link Forecast#byCategory()} lists them
 */
public record ForecastSnapshot(LocalDate week, Instant takenAt, List<ForecastRow> rows) {
    public ForecastSnapshot {
        Objects.requireNonNull(week, "week");
        Objects.requireNonNull(takenAt, "takenAt");
        rows = List.copyOf(rows);
    }
}
