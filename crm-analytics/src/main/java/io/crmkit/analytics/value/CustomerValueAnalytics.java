package io.crmkit.analytics.value;

import io.crmkit.analytics.internal.Pages;
import io.crmkit.core.CrmServices;
import io.crmkit.core.ValidationException;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.CustomerId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Customer value read from a CRM's purchases, page by page. Memory grows with the number of customers
 * (and, for cohorts, the months each bought in), not with the number of purchases. Amounts in more than
 * one currency are refused: select one with {@link #currency(Currency)}. Thread-safe.
 */
public final class CustomerValueAnalytics {
    private final CrmServices crm;
    private final @Nullable Currency currency;

    private CustomerValueAnalytics(CrmServices crm, @Nullable Currency currency) {
        this.crm = crm;
        this.currency = currency;
    }

    /** Analytics over this CRM's purchases, read as its acting user. */
    public static CustomerValueAnalytics of(CrmServices crm) {
        return new CustomerValueAnalytics(Objects.requireNonNull(crm, "crm"), null);
    }

    /** The same analytics restricted to purchases in {@code currency}; others are skipped. */
    public CustomerValueAnalytics currency(Currency currency) {
        return new CustomerValueAnalytics(crm, Objects.requireNonNull(currency, "currency"));
    }

    /**
     * Every customer with a purchase matching the query, largest total first (then by customer id).
     *
     * @throws ValidationException if the purchases are in more than one currency and none was selected
     */
    public List<CustomerValue> customers(PurchaseQuery query) {
        Map<CustomerId, Acc> byCustomer = new HashMap<>();
        Currency[] seen = new Currency[1];
        scan(query, seen, p -> {
            Acc a = byCustomer.get(p.customerId());
            if (a == null) {
                byCustomer.put(p.customerId(), new Acc(p));
            } else {
                a.add(p);
            }
        });
        List<CustomerValue> out = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((id, a) -> out.add(new CustomerValue(id, seen[0], a.count, a.total,
                a.total.divide(BigDecimal.valueOf(a.count), 4, RoundingMode.HALF_EVEN), a.max, a.min, a.first, a.last)));
        out.sort(Comparator.comparing(CustomerValue::total).reversed()
                .thenComparing(v -> v.customerId().value()));
        return List.copyOf(out);
    }

    /**
     * Retention by cohort: customers grouped by the month (in {@code zone}) of their first purchase
     * matching the query, and for each later month how many of them bought again.
     */
    public CohortRetention retention(PurchaseQuery query, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        Map<CustomerId, TreeSet<YearMonth>> months = new HashMap<>();
        Currency[] seen = new Currency[1];
        YearMonth[] latest = new YearMonth[1];
        scan(query, seen, p -> {
            YearMonth m = YearMonth.from(p.occurredAt().atZone(zone));
            months.computeIfAbsent(p.customerId(), id -> new TreeSet<>()).add(m);
            if (latest[0] == null || m.isAfter(latest[0])) {
                latest[0] = m;
            }
        });
        Map<YearMonth, int[]> active = new TreeMap<>();
        Map<YearMonth, Integer> sizes = new TreeMap<>();
        for (TreeSet<YearMonth> set : months.values()) {
            YearMonth cohort = set.first();
            int span = (int) cohort.until(latest[0], java.time.temporal.ChronoUnit.MONTHS) + 1;
            int[] counts = active.computeIfAbsent(cohort, c -> new int[span]);
            sizes.merge(cohort, 1, Integer::sum);
            for (YearMonth m : set) {
                counts[(int) cohort.until(m, java.time.temporal.ChronoUnit.MONTHS)]++;
            }
        }
        List<CohortRetention.Cohort> cohorts = new ArrayList<>();
        active.forEach((month, counts) -> {
            List<Integer> list = new ArrayList<>(counts.length);
            for (int c : counts) {
                list.add(c);
            }
            cohorts.add(new CohortRetention.Cohort(month, Objects.requireNonNull(sizes.get(month)), list)); // same keys as active
        });
        return new CohortRetention(cohorts);
    }

    private void scan(PurchaseQuery query, Currency[] seen, java.util.function.Consumer<Purchase> action) {
        Objects.requireNonNull(query, "query");
        Pages.forEach(page -> crm.purchases().search(query, page), (Purchase p) -> {
            if (currency != null) {
                if (!currency.equals(p.currency())) {
                    return;
                }
                seen[0] = currency;
            } else if (seen[0] == null) {
                seen[0] = p.currency();
            } else if (!seen[0].equals(p.currency())) {
                throw ValidationException.of("currency", "mixed", "purchases are in " + seen[0] + " and "
                        + p.currency() + "; select one with currency(...)");
            }
            action.accept(p);
        });
    }

    /** One customer's purchases so far, starting with the first one seen. */
    private static final class Acc {
        long count = 1;
        BigDecimal total;
        BigDecimal max;
        BigDecimal min;
        Instant first;
        Instant last;

        Acc(Purchase p) {
            total = max = min = p.amount();
            first = last = p.occurredAt();
        }

        void add(Purchase p) {
            count++;
            total = total.add(p.amount());
            max = p.amount().compareTo(max) > 0 ? p.amount() : max;
            min = p.amount().compareTo(min) < 0 ? p.amount() : min;
            first = p.occurredAt().isBefore(first) ? p.occurredAt() : first;
            last = p.occurredAt().isAfter(last) ? p.occurredAt() : last;
        }
    }
}
