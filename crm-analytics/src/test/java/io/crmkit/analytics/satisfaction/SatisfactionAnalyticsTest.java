package io.crmkit.analytics.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.core.Crm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.security.DepartmentRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SatisfactionAnalyticsTest {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z"); // a Monday
    private static final String[] TOUCHPOINTS = {"checkout", "support-chat", "售后回访"};
    private static final InteractionChannel[] CHANNELS = {InteractionChannel.CHAT, InteractionChannel.CALL,
            InteractionChannel.EMAIL};

    record Row(CustomerId customer, String department, SurveyKind kind, int score, InteractionChannel channel,
               String touchpoint, Instant at) {
    }

    private Crm crm;
    private final List<Row> rows = new ArrayList<>();
    private final List<Customer> customers = new ArrayList<>();

    @BeforeEach
    void recordResponses() {
        crm = Crm.builder().storage(InMemoryStorage.create()).build();
        Random random = new Random(5);
        for (int i = 0; i < 40; i++) {
            String dept = i % 4 == 0 ? "sales" : "service";
            customers.add(crm.customers().create(NewCustomer.person("客户" + i).department(DepartmentRef.of(dept))));
        }
        // 2,600 responses over 12 weeks: more than two storage pages per kind for NPS; scores drift up over time
        for (int i = 0; i < 2600; i++) {
            Customer c = customers.get(random.nextInt(customers.size()));
            SurveyKind kind = i % 2 == 0 ? SurveyKind.NPS : i % 4 == 1 ? SurveyKind.CSAT : SurveyKind.CES;
            Instant at = START.plus(random.nextInt(84 * 24), ChronoUnit.HOURS);
            double drift = ChronoUnit.DAYS.between(START, at) / 84.0;
            int score = Math.max(kind.min(), Math.min(kind.max(),
                    (int) Math.round(kind.min() + (kind.max() - kind.min()) * (0.4 + 0.3 * drift) + random.nextGaussian() * 1.5)));
            InteractionChannel channel = CHANNELS[random.nextInt(3)];
            String touchpoint = TOUCHPOINTS[random.nextInt(3)];
            crm.surveys().record(NewSurveyResponse.of(c.id(), kind, score).channel(channel).touchpoint(touchpoint)
                    .respondedAt(at));
            rows.add(new Row(c.id(), c.department().orElseThrow().id(), kind, score, channel, touchpoint, at));
        }
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private double[] scores(SurveyKind kind, Predicate<Row> p) {
        return rows.stream().filter(r -> r.kind() == kind).filter(p).mapToDouble(Row::score).toArray();
    }

    private void assertMatches(ScoreSummary s, double[] expected) {
        DescriptiveStatistics ds = new DescriptiveStatistics(expected);
        assertThat(s.count()).isEqualTo(expected.length);
        assertThat(s.mean()).isCloseTo(ds.getMean(), within(1e-9));
        assertThat(s.median()).isEqualTo(ds.getPercentile(50) == Math.floor(ds.getPercentile(50))
                ? s.median() : s.median()); // percentile interpolation differs; exact median checked below
        double[] sorted = ds.getSortedValues();
        int n = sorted.length;
        assertThat(s.median()).isEqualTo(n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2);
        assertThat(s.standardDeviation()).isCloseTo(ds.getStandardDeviation(), within(1e-9));
    }

    @Test
    void everySliceMatchesFilteringTheRecordedResponsesByHand() {
        SatisfactionAnalytics sat = SatisfactionAnalytics.of(crm);
        Instant from = START.plus(14, ChronoUnit.DAYS);
        Instant to = START.plus(42, ChronoUnit.DAYS);
        Set<CustomerId> segment = Set.of(customers.get(1).id(), customers.get(2).id(), customers.get(3).id());

        assertMatches(sat.summary(SurveyKind.NPS, SurveySlice.all()), scores(SurveyKind.NPS, r -> true));
        assertMatches(sat.summary(SurveyKind.NPS, SurveySlice.all().between(from, to)),
                scores(SurveyKind.NPS, r -> !r.at().isBefore(from) && r.at().isBefore(to)));
        assertMatches(sat.summary(SurveyKind.CSAT, SurveySlice.all().channel(InteractionChannel.CHAT)),
                scores(SurveyKind.CSAT, r -> r.channel() == InteractionChannel.CHAT));
        assertMatches(sat.summary(SurveyKind.CES, SurveySlice.all().touchpoint("售后回访")),
                scores(SurveyKind.CES, r -> r.touchpoint().equals("售后回访")));
        assertMatches(sat.summary(SurveyKind.NPS, SurveySlice.all().customers(segment)),
                scores(SurveyKind.NPS, r -> segment.contains(r.customer())));
        assertMatches(sat.summary(SurveyKind.NPS, SurveySlice.all().customers(Set.of(customers.get(5).id()))),
                scores(SurveyKind.NPS, r -> r.customer().equals(customers.get(5).id())));
        assertMatches(sat.summary(SurveyKind.NPS, SurveySlice.all().department(DepartmentRef.of("sales"))),
                scores(SurveyKind.NPS, r -> r.department().equals("sales")));
        assertMatches(sat.summary(SurveyKind.CSAT, SurveySlice.all().department(DepartmentRef.of("service"))
                        .channel(InteractionChannel.CALL).where(r -> r.score() != 3)),
                scores(SurveyKind.CSAT, r -> r.department().equals("service") && r.channel() == InteractionChannel.CALL
                        && r.score() != 3));

        double[] nps = scores(SurveyKind.NPS, r -> true);
        long promoters = java.util.Arrays.stream(nps).filter(s -> s >= 9).count();
        long detractors = java.util.Arrays.stream(nps).filter(s -> s <= 6).count();
        assertThat(sat.nps(SurveySlice.all()).score()).isCloseTo(100.0 * (promoters - detractors) / nps.length, within(1e-9));
        double[] csat = scores(SurveyKind.CSAT, r -> true);
        assertThat(sat.csat(SurveySlice.all()).share())
                .isCloseTo((double) java.util.Arrays.stream(csat).filter(s -> s >= 4).count() / csat.length, within(1e-12));
        assertThat(sat.ces(SurveySlice.all()).mean()).isCloseTo(
                java.util.Arrays.stream(scores(SurveyKind.CES, r -> true)).average().orElseThrow(), within(1e-12));
    }

    @Test
    void weeklyTrendMatchesARegressionOverEveryResponse() {
        Trend trend = SatisfactionAnalytics.of(crm).trend(SurveyKind.NPS, SurveySlice.all(), Granularity.WEEK,
                ZoneOffset.UTC);

        SimpleRegression regression = new SimpleRegression();
        for (Row r : rows) {
            if (r.kind() == SurveyKind.NPS) {
                long week = ChronoUnit.WEEKS.between(LocalDate.of(2026, 1, 5), LocalDate.ofInstant(r.at(), ZoneOffset.UTC));
                regression.addData(week, r.score());
            }
        }
        assertThat(trend.points()).hasSize(12);
        assertThat(trend.points().get(0).start()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(trend.points().get(11).index()).isEqualTo(11);
        assertThat(trend.points().stream().mapToLong(p -> p.distribution().count()).sum()).isEqualTo(regression.getN());
        assertThat(trend.slope()).isCloseTo(regression.getSlope(), within(1e-9));
        assertThat(trend.intercept()).isCloseTo(regression.getIntercept(), within(1e-9));
        assertThat(trend.slopeStandardError()).isCloseTo(regression.getSlopeStdErr(), within(1e-9));
        assertThat(trend.pValue()).isCloseTo(regression.getSignificance(), within(1e-9));
        assertThat(trend.slope()).isPositive(); // the scores were generated drifting up
        assertThat(trend.isSignificant(0.05)).isTrue();
    }

    @Test
    void monthlyTrendGroupsByCalendarMonthInTheZone() {
        Trend trend = SatisfactionAnalytics.of(crm).trend(SurveyKind.CSAT, SurveySlice.all(), Granularity.MONTH,
                ZoneId.of("Asia/Shanghai"));
        assertThat(trend.points()).extracting(TrendPoint::start)
                .containsExactly(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1));
        long january = rows.stream().filter(r -> r.kind() == SurveyKind.CSAT)
                .filter(r -> r.at().atZone(ZoneId.of("Asia/Shanghai")).getMonthValue() == 1).count();
        assertThat(trend.points().get(0).distribution().count()).isEqualTo(january);
    }

    @Test
    void comparingTwoPeriodsMatchesTheTTestOnTheRawScores() {
        Instant mid = START.plus(42, ChronoUnit.DAYS);
        Comparison c = SatisfactionAnalytics.of(crm).compare(SurveyKind.NPS,
                SurveySlice.all().between(START, mid), SurveySlice.all().between(mid, START.plus(84, ChronoUnit.DAYS)));
        double[] first = scores(SurveyKind.NPS, r -> r.at().isBefore(mid));
        double[] second = scores(SurveyKind.NPS, r -> !r.at().isBefore(mid));
        assertThat(c.welchP()).isCloseTo(new TTest().tTest(first, second), within(1e-12));
        assertThat(c.meanDifference()).isPositive();
        assertThat(c.mannWhitneyP()).isLessThan(0.05);
    }
}
