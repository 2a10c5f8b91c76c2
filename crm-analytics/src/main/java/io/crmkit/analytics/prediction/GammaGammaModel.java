package io.crmkit.analytics.prediction;

import io.crmkit.analytics.internal.Minimizer;
import io.crmkit.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee 2005, "RFM and CLV"; Colombo and
 * Jiang 1999): a customer's transaction values vary around their own mean, which varies across customers.
 * Fitted by maximum likelihood on customers with at least one repeat purchase; assumes spend is
 * independent of purchase frequency.
 *
 * @param p             shape of the transaction-value distribution
 * @param q             shape of the distribution of customers' mean values
 * @param gamma         scale of the distribution of customers' mean values
 * @param logLikelihood log-likelihood of the data it was fitted on ({@code NaN} if built from parameters)
 * @param customers     number of customers it was fitted on
 */
public record GammaGammaModel(double p, double q, double gamma, double logLikelihood, int customers) {
    public GammaGammaModel {
        for (double v : new double[] {p, q, gamma}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw ValidationException.of("parameters", "range", "p, q and gamma must be positive but were "
                        + p + ", " + q + ", " + gamma);
            }
        }
    }

    public static GammaGammaModel of(double p, double q, double gamma) {
        return new GammaGammaModel(p, q, gamma, Double.NaN, 0);
    }

    /**
     * Fits the model on the customers with at least one repeat purchase and a positive monetary value;
     * the others carry no information about spend.
     *
     * @throws ValidationException if no customer has a repeat purchase with positive value
     */
    public static GammaGammaModel fit(List<CustomerSummary> customers) {
        Objects.requireNonNull(customers, "customers");
        List<CustomerSummary> repeat = new ArrayList<>();
        for (CustomerSummary c : customers) {
            if (c.frequency() > 0 && c.monetaryValue() > 0) {
                repeat.add(c);
            }
        }
        if (repeat.isEmpty()) {
            throw ValidationException.of("customers", "required",
                    "fitting spend needs customers with a repeat purchase of positive value");
        }
        double[] x = new double[repeat.size()];
        double[] m = new double[repeat.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = repeat.get(i).frequency();
            m[i] = repeat.get(i).monetaryValue();
        }
        PointValuePair best = Minimizer.minimize(v -> {
            double p = Math.exp(v[0]);
            double q = Math.exp(v[1]);
            double g = Math.exp(v[2]);
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += logLikelihood(p, q, g, x[i], m[i]);
            }
            return -sum;
        }, new double[] {0, 0, 0});
        double[] v = best.getPoint();
        return new GammaGammaModel(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]), -best.getValue(), repeat.size());
    }

    static double logLikelihood(double p, double q, double g, double x, double m) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(g)
                + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(g + m * x);
    }

    /** The log-likelihood of one customer's mean spend {@code monetaryValue} over {@code frequency} transactions. */
    public double logLikelihood(int frequency, double monetaryValue) {
        return logLikelihood(p, q, gamma, frequency, monetaryValue);
    }

    /**
     * The expected value of a customer's future transactions given their history: a weighted mean of the
     * population mean {@code p gamma / (q - 1)} and the customer's own mean.
     */
    public double expectedAverageValue(CustomerSummary customer) {
        return expectedAverageValue(customer.frequency(), customer.monetaryValue());
    }

    /** {@link #expectedAverageValue(CustomerSummary)} from numbers. */
    public double expectedAverageValue(int frequency, double monetaryValue) {
        double px = p * frequency;
        return (p * gamma + px * monetaryValue) / (px + q - 1);
    }

    /** The population mean transaction value, {@code p gamma / (q - 1)}; infinite when q &lt;= 1. */
    public double populationAverageValue() {
        return q <= 1 ? Double.POSITIVE_INFINITY : p * gamma / (q - 1);
    }
}
