package io.crmkit.core.sales;

import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * The sums of one period, group, forecast category and currency: how many opportunities, their amount, and their
 * weighted amount (each amount times its stage's probability). Amounts of different currencies are never added.
 *
 * @param period     the first day of the month or quarter
 * @param owner      the owner, in a forecast grouped by owner
 * @param department the department, in a forecast grouped by department (empty also for those without one)
 * @param category   the forecast category; empty in {@link Forecast#totals()}, which adds the categories up
 * @param currency   the currency of the amounts
 * @param count      how many opportunities
 * @param amount     their amounts added up
 * @param weighted   their amounts times probability added up, rounded to 4 decimals (half even)
 */
public record ForecastRow(LocalDate period, Optional<UserRef> owner, Optional<DepartmentRef> department,
                          Optional<ForecastCategory> category, Currency currency, long count, BigDecimal amount,
                          BigDecimal weighted) {
    public ForecastRow {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(weighted, "weighted");
    }
}
