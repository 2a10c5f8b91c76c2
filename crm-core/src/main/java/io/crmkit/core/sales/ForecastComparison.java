package io.crmkit.core.sales;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * One period of a forecast set against what happened: what a week's snapshot expected and what is won now.
 * Won opportunities count in the period of their expected close date, as in every forecast.
 *
 * @param period     the first day of the month or quarter
 * @param owner      the owner, when grouped by owner
 * @param department the department, when grouped by department
 * @param currency   the currency of the amounts
 * @param weighted   the snapshot's weighted amount of the period (every category, won included)
 * @param committed  the snapshot's amount in the {@link ForecastCategory#COMMIT} and
 *                   {@link ForecastCategory#CLOSED_WON} categories
 * @param won        the amount in {@link ForecastCategory#CLOSED_WON} now
 */
public record ForecastComparison(LocalDate period, Optional<UserRef> owner, Optional<DepartmentRef> department,
                                 Currency currency, BigDecimal weighted, BigDecimal committed, BigDecimal won) {
    public ForecastComparison {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(weighted, "weighted");
        Objects.requireNonNull(committed, "committed");
        Objects.requireNonNull(won, "won");
    }

    /** Won less the weighted forecast: positive when the period did better than forecast. */
    public BigDecimal error() {
        return won.subtract(weighted);
    }
}
