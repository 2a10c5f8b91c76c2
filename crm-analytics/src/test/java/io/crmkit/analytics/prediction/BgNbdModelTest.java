package io.crmkit.analytics.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class BgNbdModelTest {
    private static final BgNbdModel CDNOW = BgNbdModel.of(0.243, 4.414, 0.793, 2.426);

    /** One simulated customer, observed up to T and then for t more. */
    record Simulated(int x, double tx, boolean aliveAtT, int future) {
    }

    static List<Simulated> simulate(BgNbdModel m, int n, double bigT, double t, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        GammaDistribution lambdas = new GammaDistribution(rng, m.r(), 1 / m.alpha());
        BetaDistribution ps = new BetaDistribution(rng, m.a(), m.b());
        List<Simulated> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double lambda = lambdas.sample();
            double p = ps.sample();
            double now = 0;
            int x = 0;
            double tx = 0;
            int future = 0;
            boolean alive = true;
            boolean aliveAtT = true;
            while (alive) {
                now += -Math.log(1 - rng.nextDouble()) / lambda;
                if (now > bigT + t) {
                    break;
                }
                if (now <= bigT) {
                    x++;
                    tx = now;
                } else {
                    future++;
                }
                if (rng.nextDouble() < p) {
                    alive = false;
                    if (now <= bigT) {
                        aliveAtT = false;
                    }
                }
            }
            out.add(new Simulated(x, tx, aliveAtT, future));
        }
        return out;
    }

    @Test
    void logLikelihoodEqualsThePapersFormulaEvaluatedDirectly() {
        double r = 0.243;
        double alpha = 4.414;
        double a = 0.793;
        double b = 2.426;
        int[] xs = {0, 1, 2, 5};
        double[] txs = {0, 3.5, 30.43, 20.0};
        double[] ts = {38.86, 38.86, 38.86, 25.0};
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            double common = Math.exp(Gamma.logGamma(r + x) - Gamma.logGamma(r)) * Math.pow(alpha, r);
            double l = Math.exp(Beta.logBeta(a, b + x) - Beta.logBeta(a, b)) * common / Math.pow(alpha + ts[i], r + x);
            if (x > 0) {
                l += Math.exp(Beta.logBeta(a + 1, b + x - 1) - Beta.logBeta(a, b)) * common / Math.pow(alpha + txs[i], r + x);
            }
            assertThat(CDNOW.logLikelihood(xs[i], txs[i], ts[i])).isCloseTo(Math.log(l), within(1e-10));
        }
    }

    @Test
    void probabilityAliveByHand() {
        // x = 2, t_x = 30.43, T = 38.86: 1 / (1 + a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x))
        double odds = 0.793 / (2.426 + 1) * Math.pow((4.414 + 38.86) / (4.414 + 30.43), 0.243 + 2);
        assertThat(CDNOW.probabilityAlive(2, 30.43, 38.86)).isCloseTo(1 / (1 + odds), within(1e-12));
        assertThat(CDNOW.probabilityAlive(0, 0, 38.86)).isEqualTo(1.0);
        // the longer since the last purchase, the less likely still active
        assertThat(CDNOW.probabilityAlive(2, 10, 38.86)).isLessThan(CDNOW.probabilityAlive(2, 30, 38.86));
    }

    @Test
    void expectedPurchasesOfANewCustomerMatchSimulation() {
        List<Simulated> sims = simulate(CDNOW, 100_000, 39, 0, 11);
        double mean = sims.stream().mapToInt(Simulated::x).average().orElseThrow();
        double var = sims.stream().mapToDouble(s -> (s.x() - mean) * (s.x() - mean)).sum() / sims.size();
        double se = Math.sqrt(var / sims.size());
        assertThat(CDNOW.expectedPurchases(39)).isCloseTo(mean, within(4 * se));
        assertThat(CDNOW.expectedPurchases(0)).isZero();
    }

    @Test
    void conditionalExpectationAndPAliveAverageToWhatSimulationShows() {
        double bigT = 39;
        double t = 39;
        List<Simulated> sims = simulate(CDNOW, 100_000, bigT, t, 12);
        double predicted = 0;
        double actual = 0;
        double alive = 0;
        double aliveObserved = 0;
        double predictedRepeaters = 0;
        double actualRepeaters = 0;
        for (Simulated s : sims) {
            double e = CDNOW.expectedPurchases(s.x(), s.tx(), bigT, t);
            predicted += e;
            actual += s.future();
            alive += CDNOW.probabilityAlive(s.x(), s.tx(), bigT);
            aliveObserved += s.aliveAtT() ? 1 : 0;
            if (s.x() >= 3) {
                predictedRepeaters += e;
                actualRepeaters += s.future();
            }
        }
        int n = sims.size();
        assertThat(predicted / n).isCloseTo(actual / n, within(0.03 * actual / n));
        assertThat(alive / n).isCloseTo(aliveObserved / n, within(0.01));
        assertThat(predictedRepeaters).isCloseTo(actualRepeaters, within(0.05 * actualRepeaters));
    }

    @Test
    void fitOnSimulatedCustomersRecoversTheParameters() {
        BgNbdModel truth = BgNbdModel.of(0.5, 5, 0.8, 2.5);
        List<CustomerSummary> rows = new ArrayList<>();
        long id = 0;
        for (Simulated s : simulate(truth, 10_000, 39, 0, 13)) {
            rows.add(CustomerSummary.of(new CustomerId(new UUID(0, id++)), s.x(), s.tx(), 39));
        }
        BgNbdModel fit = BgNbdModel.fit(rows);
        assertThat(fit.r()).isCloseTo(0.5, within(0.06));
        assertThat(fit.alpha()).isCloseTo(5, within(0.8));
        assertThat(fit.a()).isCloseTo(0.8, within(0.25));
        assertThat(fit.b()).isCloseTo(2.5, within(0.9));
        // the maximum: the true parameters fit worse
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(truth.logLikelihood(rows));
        assertThat(fit.logLikelihood()).isCloseTo(fit.logLikelihood(rows), within(1e-6));
    }

    @Test
    void predictRanksByExpectedPurchases() {
        List<CustomerSummary> rows = List.of(
                CustomerSummary.of(new CustomerId(new UUID(0, 1)), 0, 0, 38),
                CustomerSummary.of(new CustomerId(new UUID(0, 2)), 10, 37, 38),
                CustomerSummary.of(new CustomerId(new UUID(0, 3)), 3, 36, 38));
        List<Prediction> top = CDNOW.predict(rows, 39, 2);
        assertThat(top).extracting(p -> p.customer().customerId().value().getLeastSignificantBits()).containsExactly(2L, 3L);
        assertThat(top.get(0).expectedPurchases()).isCloseTo(CDNOW.expectedPurchases(rows.get(1), 39), within(1e-12));
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> BgNbdModel.of(-1, 1, 1, 1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("r")).isTrue());
        assertThatThrownBy(() -> BgNbdModel.fit(List.of())).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> CustomerSummary.of(new CustomerId(new UUID(0, 1)), 1, 5, 4))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("age")).isTrue());
        assertThatThrownBy(() -> CustomerSummary.of(new CustomerId(new UUID(0, 1)), 0, 2, 4))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("recency")).isTrue());
        assertThatThrownBy(() -> CDNOW.expectedPurchases(-1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("t")).isTrue());
    }
}
