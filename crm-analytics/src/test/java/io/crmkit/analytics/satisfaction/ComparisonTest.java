package io.crmkit.analytics.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.core.ValidationException;
import io.crmkit.core.satisfaction.SurveyKind;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void welchAndMannWhitneyAgreeWithTheRawDataMethods() {
        Random random = new Random(42);
        for (int round = 0; round < 100; round++) {
            int n1 = 2 + random.nextInt(200);
            int n2 = 2 + random.nextInt(200);
            double shift = random.nextDouble();
            double[] a = sample(random, n1, 0);
            double[] b = sample(random, n2, shift);
            Comparison c = Comparison.of(counts(a), counts(b));
            if (new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(a) == 0
                    && new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(b) == 0) {
                continue;
            }
            TTest t = new TTest();
            assertThat(c.welchT()).isCloseTo(t.t(a, b), within(1e-9));
            assertThat(c.welchP()).isCloseTo(t.tTest(a, b), within(1e-9));
            // U as commons-math defines it (from the first sample's ranks), and the tie-corrected z by hand from ranks
            double u1 = uOfFirst(a, b);
            assertThat(c.mannWhitneyU()).isCloseTo(u1, within(1e-6));
            double uMax = new MannWhitneyUTest().mannWhitneyU(a, b);
            assertThat(Math.max(c.mannWhitneyU(), (double) n1 * n2 - c.mannWhitneyU())).isCloseTo(uMax, within(1e-6));
            assertThat(c.mannWhitneyP()).isCloseTo(tieCorrectedP(a, b, u1), within(1e-9));
            assertThat(c.meanDifference()).isCloseTo(mean(b) - mean(a), within(1e-9));
        }
    }

    @Test
    void withoutTiesTheMannWhitneyPValueIsCommonsMathsNormalApproximation() {
        double[] a = {1, 3, 5, 7, 9};
        double[] b = {0, 2, 4, 6, 8, 10};
        Comparison c = Comparison.of(counts(a), counts(b));
        assertThat(c.mannWhitneyP()).isCloseTo(new MannWhitneyUTest().mannWhitneyUTest(a, b), within(1e-12));
    }

    @Test
    void clearlyDifferentPeriodsAreSignificantAndEqualOnesAreNot() {
        ScoreDistribution low = ScoreDistribution.of(0, 5, 5, 5, 10, 10, 10, 10, 10, 5, 5, 5);
        ScoreDistribution high = ScoreDistribution.of(0, 0, 0, 1, 1, 2, 5, 10, 15, 20, 30, 30);
        Comparison c = Comparison.of(low, high);
        assertThat(c.welchP()).isLessThan(1e-6);
        assertThat(c.mannWhitneyP()).isLessThan(1e-6);
        assertThat(c.meansDiffer(0.05)).isTrue();
        Comparison same = Comparison.of(low, low);
        assertThat(same.welchP()).isCloseTo(1.0, within(1e-12));
        assertThat(same.mannWhitneyP()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rejectsTooFewResponsesAndDifferentScales() {
        assertThatThrownBy(() -> Comparison.of(ScoreDistribution.of(1, 1, 0, 0, 0, 0), ScoreDistribution.of(1, 1, 2, 0, 0, 0)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("count")).isTrue());
        assertThatThrownBy(() -> Comparison.of(ScoreCounter.of(SurveyKind.CSAT).snapshot(), ScoreCounter.of(SurveyKind.CES).snapshot()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("scale")).isTrue());
    }

    private static double[] sample(Random random, int n, double shift) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(0, Math.min(10, Math.round(random.nextGaussian() * 2.5 + 6 + 2 * shift)));
        }
        return out;
    }

    private static ScoreDistribution counts(double[] xs) {
        ScoreCounter c = ScoreCounter.of(SurveyKind.NPS);
        for (double x : xs) {
            c.add((int) x);
        }
        return c.snapshot();
    }

    private static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElseThrow();
    }

    private static double uOfFirst(double[] a, double[] b) {
        double[] all = concat(a, b);
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).rank(all);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += ranks[i];
        }
        return sum - a.length * (a.length + 1) / 2.0;
    }

    private static double tieCorrectedP(double[] a, double[] b, double u) {
        double n1 = a.length;
        double n2 = b.length;
        double n = n1 + n2;
        double[] all = concat(a, b);
        Arrays.sort(all);
        double tie = 0;
        for (int i = 0; i < all.length; ) {
            int j = i;
            while (j < all.length && all[j] == all[i]) {
                j++;
            }
            double t = j - i;
            tie += t * t * t - t;
            i = j;
        }
        double var = n1 * n2 / 12 * (n + 1 - tie / (n * (n - 1)));
        double z = (u - n1 * n2 / 2) / Math.sqrt(var);
        return 2 * new NormalDistribution().cumulativeProbability(-Math.abs(z));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
