package io.crmkit.core.sales;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A sales forecast: for each period, group and currency, the sums per forecast category ({@link #byCategory()}) and
 * over all categories ({@link #totals()}, in which won opportunities count in full and lost ones for nothing). Only
 * the opportunities the actor may read are summed. Immutable.
 */
public final class Forecast {
    /** The order of rows: period, owner, department (none first), category, currency. */
    static final Comparator<ForecastRow> ORDER = Comparator.comparing(ForecastRow::period)
            .thenComparing(r -> r.owner().map(u -> u.id()).orElse(""))
            .thenComparing(r -> r.department().map(d -> d.id()).orElse(""))
            .thenComparing(r -> r.category().map(Enum::ordinal).orElse(-1))
            .thenComparing(r -> r.currency().getCurrencyCode());

    private final ForecastQuery query;
    private final List<ForecastRow> byCategory;
    private final List<ForecastRow> totals;

    /** The forecast of {@code query} from its rows per category (in any order). */
    public Forecast(ForecastQuery query, List<ForecastRow> byCategory) {
        this.query = Objects.requireNonNull(query, "query");
        List<ForecastRow> sorted = new ArrayList<>(byCategory);
        sorted.sort(ORDER);
        this.byCategory = List.copyOf(sorted);
        Map<List<Object>, ForecastRow> sums = new LinkedHashMap<>();
        for (ForecastRow r : this.byCategory) {
            sums.merge(List.of(r.period(), r.owner(), r.department(), r.currency()),
                    new ForecastRow(r.period(), r.owner(), r.department(), Optional.empty(), r.currency(), r.count(),
                            r.amount(), r.weighted()),
                    (a, b) -> new ForecastRow(a.period(), a.owner(), a.department(), Optional.empty(), a.currency(),
                            a.count() + b.count(), a.amount().add(b.amount()), a.weighted().add(b.weighted())));
        }
        List<ForecastRow> t = new ArrayList<>(sums.values());
        t.sort(ORDER);
        this.totals = List.copyOf(t);
    }

    public ForecastQuery query() {
        return query;
    }

    /** The sums per period, group, category and currency, in period order. */
    public List<ForecastRow> byCategory() {
        return byCategory;
    }

    /** The sums per period, group and currency over every category, in period order. */
    public List<ForecastRow> totals() {
        return totals;
    }

    /** The weighted amount of one period in one currency, over every group and category; zero if there is none. */
    public BigDecimal weighted(LocalDate period, Currency currency) {
        return totals.stream().filter(r -> r.period().equals(query.period().start(period)) && r.currency().equals(currency))
                .map(ForecastRow::weighted).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public String toString() {
        return "Forecast" + totals;
    }
}
