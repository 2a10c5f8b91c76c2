package io.crmkit.analytics.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class SpendAndLifetimeValueTest {
    private static CustomerSummary customer(int x, double tx, double t, double m) {
        return new CustomerSummary(new CustomerId(new UUID(0, x)), x, tx, t, m);
    }

    @Test
    void gammaGammaFitRecoversSimulatedParameters() {
        double p = 6;
        double q = 4;
        double gamma = 15;
        RandomGenerator rng = new Well19937c(3);
        GammaDistribution nus = new GammaDistribution(rng, q, 1 / gamma);
        List<CustomerSummary> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            double nu = nus.sample();
            int x = 1 + rng.nextInt(6);
            GammaDistribution z = new GammaDistribution(rng, p, 1 / nu);
            double sum = 0;
            for (int j = 0; j < x; j++) {
                sum += z.sample();
            }
            rows.add(new CustomerSummary(new CustomerId(new UUID(1, i)), x, 1, 2, sum / x));
        }
        rows.add(customer(0, 0, 2, 0)); // no repeat purchase: ignored
        GammaGammaModel fit = GammaGammaModel.fit(rows);
        assertThat(fit.customers()).isEqualTo(5000);
        // p and q trade off against each other; the population mean spend is well identified
        assertThat(fit.populationAverageValue()).isCloseTo(p * gamma / (q - 1), within(0.05 * p * gamma / (q - 1)));
        assertThat(fit.p()).isCloseTo(p, within(1.5));
        // the maximum: the true parameters fit worse
        double atTruth = 0;
        double atFit = 0;
        for (CustomerSummary c : rows) {
            if (c.frequency() > 0) {
                atTruth += GammaGammaModel.of(p, q, gamma).logLikelihood(c.frequency(), c.monetaryValue());
                atFit += fit.logLikelihood(c.frequency(), c.monetaryValue());
            }
        }
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(atTruth).isCloseTo(atFit, within(1e-6));
    }

    @Test
    void likelihoodIsTheGammaMixtureIntegratedNumerically() {
        // mean of x transactions ~ Gamma(p x, rate x nu) given nu; nu ~ Gamma(q, rate gamma)
        double p = 6.25;
        double q = 3.74;
        double gamma = 15.44;
        int x = 3;
        double m = 35.0;
        org.apache.commons.math3.analysis.UnivariateFunction integrand = nu ->
                new GammaDistribution(p * x, 1 / (x * nu)).density(m) * new GammaDistribution(q, 1 / gamma).density(nu);
        double density = new org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator(32, 1e-12, 1e-12)
                .integrate(1_000_000, integrand, 1e-9, 5);
        assertThat(GammaGammaModel.of(p, q, gamma).logLikelihood(x, m)).isCloseTo(Math.log(density), within(1e-6));
    }

    @Test
    void expectedAverageValueIsTheWeightedMeanOfPopulationAndCustomer() {
        GammaGammaModel m = GammaGammaModel.of(6.25, 3.74, 15.44);
        double population = 6.25 * 15.44 / (3.74 - 1);
        assertThat(m.populationAverageValue()).isCloseTo(population, within(1e-12));
        // weight of the customer's own mean: p x / (p x + q - 1)
        double w = 6.25 * 4 / (6.25 * 4 + 3.74 - 1);
        assertThat(m.expectedAverageValue(4, 50)).isCloseTo((1 - w) * population + w * 50, within(1e-9));
        assertThat(m.expectedAverageValue(0, 0)).isCloseTo(population, within(1e-9));
    }

    @Test
    void undiscountedLifetimeValueIsSpendTimesExpectedPurchases() {
        BgNbdModel bgnbd = BgNbdModel.of(0.243, 4.414, 0.793, 2.426);
        GammaGammaModel spend = GammaGammaModel.of(6.25, 3.74, 15.44);
        CustomerSummary c = customer(3, 30, 38.86, 40);
        double horizon = 12 * 4.35;
        double undiscounted = LifetimeValue.of(bgnbd, spend, 12, 4.35, 0).of(c);
        assertThat(undiscounted).isCloseTo(spend.expectedAverageValue(c) * bgnbd.expectedPurchases(c, horizon), within(1e-9));
        // two steps by hand at 10% per step
        double e1 = bgnbd.expectedPurchases(c, 4.35);
        double e2 = bgnbd.expectedPurchases(c, 8.7);
        double byHand = spend.expectedAverageValue(c) * (e1 / 1.1 + (e2 - e1) / (1.1 * 1.1));
        assertThat(LifetimeValue.of(bgnbd, spend, 2, 4.35, 0.1).of(c)).isCloseTo(byHand, within(1e-9));
        assertThat(LifetimeValue.of(bgnbd, spend, 12, 4.35, 0.01).of(c)).isLessThan(undiscounted);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> GammaGammaModel.fit(List.of(customer(0, 0, 3, 0))))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("customers")).isTrue());
        BgNbdModel bgnbd = BgNbdModel.of(0.243, 4.414, 0.793, 2.426);
        GammaGammaModel spend = GammaGammaModel.of(6.25, 3.74, 15.44);
        assertThatThrownBy(() -> LifetimeValue.of(bgnbd, spend, 0, 4.35, 0.01))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("steps")).isTrue());
        assertThatThrownBy(() -> LifetimeValue.of(bgnbd, spend, 12, 4.35, -0.1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("discountRate")).isTrue());
    }
}
