package io.crmkit.analytics.prediction;

import io.crmkit.analytics.internal.Hypergeometric;
import io.crmkit.analytics.internal.Minimizer;
import io.crmkit.core.ValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The beta-geometric/negative binomial distribution model of repeat buying (Fader, Hardie and Lee 2005,
 * "Counting Your Customers the Easy Way"). While active, a customer buys at a rate drawn from
 * Gamma(r, alpha); after each purchase they drop out with a probability drawn from Beta(a, b).
 * Fitted by maximum likelihood; time is in the units of the calibration summary.
 *
 * @param r             shape of the purchase-rate distribution
 * @param alpha         scale of the purchase-rate distribution
 * @param a             first shape of the drop-out distribution
 * @param b             second shape of the drop-out distribution
 * @param logLikelihood log-likelihood of the data it was fitted on ({@code NaN} if built from parameters)
 * @param customers     number of customers it was fitted on (0 if built from parameters)
 */
public record BgNbdModel(double r, double alpha, double a, double b, double logLikelihood, int customers) {
    public BgNbdModel {
        positive("r", r);
        positive("alpha", alpha);
        positive("a", a);
        positive("b", b);
    }

    /** A model with given parameters, for example published ones. */
    public static BgNbdModel of(double r, double alpha, double a, double b) {
        return new BgNbdModel(r, alpha, a, b, Double.NaN, 0);
    }

    /**
     * Fits the model by maximum likelihood (Nelder-Mead on the log-parameters, restarted until it no longer
     * improves).
     *
     * @throws ValidationException if there are no customers
     */
    public static BgNbdModel fit(List<CustomerSummary> customers) {
        Objects.requireNonNull(customers, "customers");
        if (customers.isEmpty()) {
            throw ValidationException.of("customers", "required", "fitting needs at least one customer");
        }
        // Customers with the same (x, t_x, T) contribute the same term: fold them.
        Map<List<Double>, int[]> groups = new HashMap<>();
        for (CustomerSummary c : customers) {
            groups.computeIfAbsent(List.of((double) c.frequency(), c.recency(), c.age()), k -> new int[1])[0]++;
        }
        int m = groups.size();
        double[] x = new double[m];
        double[] tx = new double[m];
        double[] t = new double[m];
        double[] w = new double[m];
        int i = 0;
        for (Map.Entry<List<Double>, int[]> e : groups.entrySet()) {
            x[i] = e.getKey().get(0);
            tx[i] = e.getKey().get(1);
            t[i] = e.getKey().get(2);
            w[i] = e.getValue()[0];
            i++;
        }
        PointValuePair best = Minimizer.minimize(p -> {
            double r = Math.exp(p[0]);
            double alpha = Math.exp(p[1]);
            double a = Math.exp(p[2]);
            double b = Math.exp(p[3]);
            double sum = 0;
            for (int j = 0; j < x.length; j++) {
                sum += w[j] * logLikelihood(r, alpha, a, b, x[j], tx[j], t[j]);
            }
            return -sum;
        }, new double[] {0, 0, 0, 0});
        double[] p = best.getPoint();
        return new BgNbdModel(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]), -best.getValue(),
                customers.size());
    }

    /** The log-likelihood of one customer's history under this model. */
    public double logLikelihood(int frequency, double recency, double age) {
        return logLikelihood(r, alpha, a, b, frequency, recency, age);
    }

    /** The total log-likelihood of many customers' histories. */
    public double logLikelihood(List<CustomerSummary> customers) {
        double sum = 0;
        for (CustomerSummary c : customers) {
            sum += logLikelihood(c.frequency(), c.recency(), c.age());
        }
        return sum;
    }

    static double logLikelihood(double r, double alpha, double a, double b, double x, double tx, double t) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Beta.logBeta(a, b + x) - Beta.logBeta(a, b);
        double a3 = -(r + x) * Math.log(alpha + t);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        double hi = Math.max(a3, a4);
        return a1 + a2 + hi + Math.log(Math.exp(a3 - hi) + Math.exp(a4 - hi));
    }

    /** E[X(t)]: expected purchases of a new customer in the first {@code t} units after their first. */
    public double expectedPurchases(double t) {
        nonNegative("t", t);
        if (t == 0) {
            return 0;
        }
        double z = t / (alpha + t);
        return (a + b - 1) / (a - 1)
                * (1 - Math.pow(alpha / (alpha + t), r) * Hypergeometric.f21(r, b, a + b - 1, z));
    }

    /**
     * E[Y(t) | x, t_x, T]: expected purchases in the next {@code t} units of a customer with this history.
     */
    public double expectedPurchases(CustomerSummary customer, double t) {
        return expectedPurchases(customer.frequency(), customer.recency(), customer.age(), t);
    }

    /** E[Y(t) | x, t_x, T] for a history given as numbers. */
    public double expectedPurchases(int frequency, double recency, double age, double t) {
        nonNegative("t", t);
        double x = frequency;
        double z = t / (alpha + age + t);
        double head = (a + b + x - 1) / (a - 1)
                * (1 - Math.pow((alpha + age) / (alpha + age + t), r + x)
                * Hypergeometric.f21(r + x, b + x, a + b + x - 1, z));
        return head * probabilityAlive(frequency, recency, age);
    }

    /** P(alive | x, t_x, T): the probability that a customer with this history is still active. */
    public double probabilityAlive(CustomerSummary customer) {
        return probabilityAlive(customer.frequency(), customer.recency(), customer.age());
    }

    /** P(alive | x, t_x, T) for a history given as numbers. */
    public double probabilityAlive(int frequency, double recency, double age) {
        if (frequency == 0) {
            return 1;
        }
        double x = frequency;
        double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + recency));
        return 1 / (1 + Math.exp(logOdds));
    }

    /**
     * Every customer's expected purchases in the next {@code t} units and probability of being active,
     * most expected purchases first, at most {@code limit} of them.
     */
    public List<Prediction> predict(List<CustomerSummary> customers, double t, int limit) {
        if (limit < 0) {
            throw ValidationException.of("limit", "range", "must be 0 or more but was " + limit);
        }
        List<Prediction> all = new ArrayList<>(customers.size());
        for (CustomerSummary c : customers) {
            all.add(new Prediction(c, expectedPurchases(c, t), probabilityAlive(c)));
        }
        all.sort(Comparator.comparingDouble(Prediction::expectedPurchases).reversed()
                .thenComparing(p -> p.customer().customerId().value()));
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    private static void positive(String field, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw ValidationException.of(field, "range", "must be a positive number but was " + v);
        }
    }

    private static void nonNegative(String field, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw ValidationException.of(field, "range", "must be 0 or more but was " + v);
        }
    }
}
