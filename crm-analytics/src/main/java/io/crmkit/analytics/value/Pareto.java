package io.crmkit.analytics.value;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How concentrated revenue is among customers.
 *
 * @param customers                number of customers
 * @param revenue                  total revenue
 * @param topFifthShare            share of revenue from the top 20% of customers by revenue (the top
 *                                 ceil(0.2 n) customers), 0 to 1
 * @param customerShareFor80Percent the smallest share of customers (best first) whose revenue reaches 80%
 *                                 of the total, 0 to 1
 */
public record Pareto(int customers, BigDecimal revenue, double topFifthShare, double customerShareFor80Percent) {
    /** The concentration of the customers' totals. Without revenue both shares are {@code NaN}. */
    public static Pareto of(Collection<CustomerValue> values) {
        List<BigDecimal> totals = new ArrayList<>(values.size());
        BigDecimal sum = BigDecimal.ZERO;
        for (CustomerValue v : values) {
            totals.add(v.total());
            sum = sum.add(v.total());
        }
        totals.sort(java.util.Comparator.reverseOrder());
        int n = totals.size();
        if (n == 0 || sum.signum() == 0) {
            return new Pareto(n, sum, Double.NaN, Double.NaN);
        }
        int top = (int) Math.ceil(n / 5.0);
        BigDecimal topSum = BigDecimal.ZERO;
        for (int i = 0; i < top; i++) {
            topSum = topSum.add(totals.get(i));
        }
        BigDecimal target = sum.multiply(new BigDecimal("0.8"));
        BigDecimal running = BigDecimal.ZERO;
        int needed = 0;
        while (running.compareTo(target) < 0) {
            running = running.add(totals.get(needed));
            needed++;
        }
        return new Pareto(n, sum, topSum.doubleValue() / sum.doubleValue(), (double) needed / n);
    }
}
