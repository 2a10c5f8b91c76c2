package io.crmkit.analytics.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendTest {
    @Test
    void emptyPeriodsStillCountInTheIndex() {
        // January: two 1s; February: nothing; March: two 5s -> x = 0, 0, 2, 2; y = 1, 1, 5, 5: slope 2, intercept 1
        Trend t = SatisfactionAnalytics.trend(Granularity.MONTH, Map.of(
                LocalDate.of(2026, 1, 1), ScoreDistribution.of(1, 2, 0, 0, 0, 0),
                LocalDate.of(2026, 2, 1), ScoreDistribution.of(1, 0, 0, 0, 0, 0),
                LocalDate.of(2026, 3, 1), ScoreDistribution.of(1, 0, 0, 0, 0, 2)));
        assertThat(t.points()).extracting(TrendPoint::index).containsExactly(0L, 2L);
        assertThat(t.slope()).isCloseTo(2.0, within(1e-12));
        assertThat(t.intercept()).isCloseTo(1.0, within(1e-12));
        assertThat(t.pValue()).isZero(); // a perfect fit
    }

    @Test
    void aFlatTrendIsNotSignificantAndOnePeriodHasNoSlope() {
        Trend flat = SatisfactionAnalytics.trend(Granularity.WEEK, Map.of(
                LocalDate.of(2026, 1, 5), ScoreDistribution.of(1, 1, 0, 0, 0, 1),
                LocalDate.of(2026, 1, 12), ScoreDistribution.of(1, 1, 0, 0, 0, 1)));
        assertThat(flat.slope()).isCloseTo(0.0, within(1e-12));
        assertThat(flat.pValue()).isCloseTo(1.0, within(1e-12));
        assertThat(flat.isSignificant(0.05)).isFalse();
        Trend single = SatisfactionAnalytics.trend(Granularity.WEEK, Map.of(
                LocalDate.of(2026, 1, 5), ScoreDistribution.of(1, 3, 0, 0, 0, 1)));
        assertThat(single.slope()).isNaN();
        assertThat(single.intercept()).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void periodStartsAreMondaysAndFirstDaysOfMonths() {
        assertThat(Granularity.WEEK.periodStart(LocalDate.of(2026, 1, 11))).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(Granularity.MONTH.periodStart(LocalDate.of(2026, 2, 28))).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(Granularity.MONTH.between(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 2, 1))).isEqualTo(3);
    }
}
