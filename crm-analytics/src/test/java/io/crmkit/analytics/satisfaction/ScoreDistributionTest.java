package io.crmkit.analytics.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.core.ValidationException;
import io.crmkit.core.satisfaction.SurveyKind;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

class ScoreDistributionTest {

    @Test
    void statisticsOfASmallSampleComputedByHand() {
        // scores 1, 2, 4, 4, 5 on 1-5: mean 16/5 = 3.2; squared deviations 4.84+1.44+0.64+0.64+3.24 = 10.8
        ScoreCounter c = ScoreCounter.of(SurveyKind.CSAT);
        for (int s : new int[] {4, 1, 5, 2, 4}) {
            c.add(s);
        }
        ScoreDistribution d = c.snapshot();

        assertThat(d.count()).isEqualTo(5);
        assertThat(d.mean()).isCloseTo(3.2, within(1e-12));
        assertThat(d.median()).isEqualTo(4.0);
        assertThat(d.variance()).isCloseTo(10.8 / 4, within(1e-12));
        assertThat(d.standardDeviation()).isCloseTo(Math.sqrt(2.7), within(1e-12));
        // t(0.975, 4) = 2.776445105
        double half = 2.776445105 * Math.sqrt(2.7) / Math.sqrt(5);
        assertThat(d.meanInterval().lower()).isCloseTo(3.2 - half, within(1e-8));
        assertThat(d.meanInterval().upper()).isCloseTo(3.2 + half, within(1e-8));
        assertThat(d.counts()).containsExactly(
                java.util.Map.entry(1, 1L), java.util.Map.entry(2, 1L), java.util.Map.entry(3, 0L),
                java.util.Map.entry(4, 2L), java.util.Map.entry(5, 1L));
        // CSAT: 3 of 5 gave 4 or 5
        Csat csat = Csat.of(d);
        assertThat(csat.share()).isEqualTo(0.6);
        assertThat(csat.marginOfError()).isCloseTo(1.959964 * Math.sqrt(0.6 * 0.4 / 5), within(1e-6));
    }

    @Test
    void medianOfAnEvenCountAveragesTheMiddleTwo() {
        ScoreDistribution d = ScoreDistribution.of(1, 2, 0, 0, 0, 2); // 1,1,5,5
        assertThat(d.median()).isEqualTo(3.0);
        assertThat(ScoreDistribution.of(1, 1, 3, 0, 0, 0).median()).isEqualTo(2.0); // 1,2,2,2
    }

    @Test
    void npsComputedByHand() {
        // 10 answers: promoters 10,9,9 (3); passives 8,7 (2); detractors 6,3,0,5,6 (5)
        ScoreCounter c = ScoreCounter.of(SurveyKind.NPS);
        for (int s : new int[] {10, 9, 9, 8, 7, 6, 3, 0, 5, 6}) {
            c.add(s);
        }
        Nps nps = Nps.of(c.snapshot());
        assertThat(nps.score()).isCloseTo(-20.0, within(1e-9));
        assertThat(nps.promoters()).isEqualTo(0.3);
        assertThat(nps.passives()).isEqualTo(0.2);
        assertThat(nps.detractors()).isEqualTo(0.5);
        // per answer +1/0/-1: mean -0.2, population variance 0.8 - 0.04 = 0.76
        assertThat(nps.marginOfError()).isCloseTo(1.959964 * 100 * Math.sqrt(0.76 / 10), within(1e-3));
        assertThat(nps.interval().contains(-20)).isTrue();
    }

    @Test
    void cesIsTheMeanEffort() {
        Ces ces = Ces.of(ScoreDistribution.of(1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(ces.mean()).isEqualTo(4.0);
        assertThat(ces.count()).isEqualTo(7);
    }

    @Test
    void seededRandomSamplesAgreeWithDescriptiveStatisticsOverTheRawScores() {
        Random random = new Random(20261122);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            ScoreCounter c = ScoreCounter.of(SurveyKind.NPS);
            double[] raw = new double[n];
            for (int i = 0; i < n; i++) {
                int s = random.nextInt(11);
                c.add(s);
                raw[i] = s;
            }
            ScoreDistribution d = c.snapshot();
            DescriptiveStatistics ds = new DescriptiveStatistics(raw);
            double[] sorted = raw.clone();
            Arrays.sort(sorted);
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;

            assertThat(d.count()).isEqualTo(n);
            assertThat(d.mean()).isCloseTo(ds.getMean(), within(1e-9));
            assertThat(d.median()).isEqualTo(median);
            if (n > 1) {
                assertThat(d.standardDeviation()).isCloseTo(ds.getStandardDeviation(), within(1e-9));
                double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975)
                        * ds.getStandardDeviation() / Math.sqrt(n);
                assertThat(d.meanInterval().halfWidth()).isCloseTo(half, within(1e-9));
            } else {
                assertThat(d.standardDeviation()).isNaN();
                assertThat(d.meanInterval().lower()).isNaN();
            }
            long promoters = Arrays.stream(raw).filter(s -> s >= 9).count();
            long detractors = Arrays.stream(raw).filter(s -> s <= 6).count();
            assertThat(Nps.of(d).score()).isCloseTo(100.0 * (promoters - detractors) / n, within(1e-9));
        }
    }

    @Test
    void mergingCountersEqualsCountingEverythingInOne() {
        Random random = new Random(7);
        ScoreCounter all = ScoreCounter.of(SurveyKind.CES);
        ScoreCounter left = ScoreCounter.of(SurveyKind.CES);
        ScoreCounter right = ScoreCounter.of(SurveyKind.CES);
        for (int i = 0; i < 1000; i++) {
            int s = 1 + random.nextInt(7);
            all.add(s);
            (i % 3 == 0 ? left : right).add(s);
        }
        assertThat(left.merge(right).snapshot()).isEqualTo(all.snapshot());
        assertThat(ScoreCounter.of(SurveyKind.CES).add(3, 5).snapshot().count(3)).isEqualTo(5);
    }

    @Test
    void emptyDistributionHasNaNStatistics() {
        ScoreDistribution d = ScoreCounter.of(SurveyKind.CSAT).snapshot();
        assertThat(d.count()).isZero();
        assertThat(d.mean()).isNaN();
        assertThat(d.median()).isNaN();
        assertThat(d.share(4, 5)).isNaN();
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        assertThatThrownBy(() -> ScoreCounter.of(SurveyKind.CSAT).add(6))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("score")).isTrue());
        assertThatThrownBy(() -> ScoreCounter.of(SurveyKind.CSAT).add(3, -1))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("times")).isTrue());
        assertThatThrownBy(() -> ScoreCounter.of(5, 1)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Nps.of(ScoreCounter.of(SurveyKind.CSAT).add(5).snapshot()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("scale")).isTrue());
        assertThatThrownBy(() -> ScoreCounter.of(SurveyKind.CSAT).merge(ScoreCounter.of(SurveyKind.NPS)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ScoreDistribution.of(1, 3, 4).meanInterval(1.5))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("level")).isTrue());
    }
}
