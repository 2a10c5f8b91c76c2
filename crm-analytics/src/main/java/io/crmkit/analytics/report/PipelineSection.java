package io.crmkit.analytics.report;

import io.crmkit.core.sales.ForecastRow;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The sales pipeline part of a report: the forecast of one pipeline by quarter, forecast category and currency, and
 * its stale deals (idle for more working days than their stage allows).
 *
 * @param pipeline   the pipeline's code
 * @param forecast   the forecast rows by quarter, category and currency, as {@link io.crmkit.core.sales.Forecast#byCategory()}
 * @param staleCount how many open opportunities are stale
 * @param stale      the stalest of them, most idle first
 */
public record PipelineSection(String pipeline, List<ForecastRow> forecast, long staleCount, List<StaleDeal> stale) {
    public PipelineSection {
        Objects.requireNonNull(pipeline, "pipeline");
        forecast = List.copyOf(forecast);
        stale = List.copyOf(stale);
    }

    /**
     * A stale opportunity as the report lists it.
     *
     * @param name             the opportunity's name
     * @param owner            its owner's user id
     * @param stage            the code of the stage it idles in
     * @param idleWorkingDays  working days since its last activity
     * @param amount           its amount
     * @param currency         the amount's currency
     */
    public record StaleDeal(String name, String owner, String stage, long idleWorkingDays, BigDecimal amount,
                            Currency currency) {
        public StaleDeal {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(currency, "currency");
        }
    }
}
