package io.crmkit.analytics.prediction;

import io.crmkit.analytics.internal.Pages;
import io.crmkit.core.CrmServices;
import io.crmkit.core.ValidationException;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.CustomerId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every customer's {@link CustomerSummary} over a calibration period, built from the purchases in
 * storage. Customers whose first purchase in the period falls in it are included; earlier history is
 * not read. Memory grows with the number of customers and their distinct purchase days.
 *
 * @param period    the period summarised
 * @param customers one summary per customer, ordered by customer id
 */
public record CalibrationSummary(CalibrationPeriod period, List<CustomerSummary> customers) {
    public CalibrationSummary {
        Objects.requireNonNull(period, "period");
        customers = List.copyOf(customers);
    }

    /**
     * Reads the purchases of the period from storage, page by page, and summarises them per customer.
     *
     * @throws ValidationException if the purchases are in more than one currency
     */
    public static CalibrationSummary build(CrmServices crm, CalibrationPeriod period) {
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(period, "period");
        Instant from = period.first().atStartOfDay(period.zone()).toInstant();
        Instant to = period.last().plusDays(1).atStartOfDay(period.zone()).toInstant();
        Map<CustomerId, Days> byCustomer = new HashMap<>();
        Currency[] currency = new Currency[1];
        Pages.forEach(page -> crm.purchases().search(PurchaseQuery.all().between(from, to), page), (Purchase p) -> {
            if (currency[0] == null) {
                currency[0] = p.currency();
            } else if (!currency[0].equals(p.currency())) {
                throw ValidationException.of("currency", "mixed", "purchases are in " + currency[0] + " and "
                        + p.currency() + "; summarise one currency at a time");
            }
            long day = LocalDate.ofInstant(p.occurredAt(), period.zone()).toEpochDay();
            byCustomer.computeIfAbsent(p.customerId(), id -> new Days()).add(day, p.amount().doubleValue());
        });
        long end = period.last().toEpochDay();
        double unit = period.daysPerUnit();
        List<CustomerSummary> rows = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((id, days) -> rows.add(days.summarise(id, end, unit)));
        rows.sort(Comparator.comparing(CustomerSummary::customerId, Comparator.comparing(CustomerId::value)));
        return new CalibrationSummary(period, rows);
    }

    /** Purchase days and amounts of one customer, unsorted until summarised. */
    private static final class Days {
        private long[] day = new long[4];
        private double[] amount = new double[4];
        private int size;

        void add(long d, double value) {
            if (size == day.length) {
                day = Arrays.copyOf(day, size * 2);
                amount = Arrays.copyOf(amount, size * 2);
            }
            day[size] = d;
            amount[size] = value;
            size++;
        }

        CustomerSummary summarise(CustomerId id, long end, double unit) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingLong(i -> day[i]));
            long firstDay = day[order[0]];
            long lastDay = firstDay;
            int transactions = 0;
            double repeatValue = 0;
            long current = Long.MIN_VALUE;
            for (Integer i : order) {
                if (day[i] != current) {
                    current = day[i];
                    transactions++;
                    lastDay = current;
                }
                if (day[i] != firstDay) {
                    repeatValue += amount[i];
                }
            }
            int x = transactions - 1;
            return new CustomerSummary(id, x, (lastDay - firstDay) / unit, (end - firstDay) / unit,
                    x == 0 ? 0 : repeatValue / x);
        }
    }
}
