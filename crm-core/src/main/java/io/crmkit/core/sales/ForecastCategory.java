package io.crmkit.core.sales;

/**
 * How a stage counts in the forecast: the usual categories of a sales forecast, from the least certain to closed.
 * Every {@link Stage} has one; an opportunity is open while its stage's category is not closed.
 */
public enum ForecastCategory {
    /** Early: in the pipeline, not yet expected. */
    PIPELINE,
    /** Could close in the period if things go well. */
    BEST_CASE,
    /** The owner commits to closing it in the period. */
    COMMIT,
    /** Won: closed, counts in full. */
    CLOSED_WON,
    /** Lost: closed, counts for nothing. */
    CLOSED_LOST;

    /** Whether an opportunity in a stage of this category is closed (won or lost). */
    public boolean isClosed() {
        return this == CLOSED_WON || this == CLOSED_LOST;
    }
}
