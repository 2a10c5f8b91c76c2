package io.crmkit.bench.analytics;

import io.crmkit.analytics.satisfaction.Nps;
import io.crmkit.analytics.satisfaction.SatisfactionAnalytics;
import io.crmkit.analytics.satisfaction.ScoreCounter;
import io.crmkit.analytics.satisfaction.ScoreDistribution;
import io.crmkit.analytics.satisfaction.ScoreSummary;
import io.crmkit.analytics.satisfaction.SurveySlice;
import io.crmkit.core.Crm;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.satisfaction.SurveyKind;
import io.crmkit.core.satisfaction.SurveyQuery;
import io.crmkit.core.satisfaction.SurveyRepository;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.satisfaction.SurveyService;
import io.crmkit.core.security.AccessScope;
import io.crmkit.testkit.ForwardingStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.distribution.TDistribution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * NPS metrics (count, mean, exact median, standard deviation, 95% t interval of the mean, NPS with its
 * margin of error) over 10,000,000 responses, in a JVM with a 64 MB heap.
 * <ul>
 *   <li>{@code analyticsCounter}: {@link ScoreCounter} fed the scores, then {@link ScoreDistribution#summary()}
 *       and {@link Nps#of}.</li>
 *   <li>{@code baselineLoop}: a hand-written primitive loop computing the same numbers: an {@code long[11]}
 *       histogram, then mean, variance, median, interval and NPS from it.</li>
 *   <li>{@code analyticsPagedFromService}: the whole storage path, {@link SatisfactionAnalytics} reading
 *       10,000,000 {@link SurveyResponse} objects in pages of 1,000 from a generating {@link SurveyService}
 *       (no database; it measures the analytics' per-response cost including the page objects).</li>
 * </ul>
 * The scores cycle through a 65,536-entry table of seeded random NPS answers, so neither side pays for a
 * random number generator and nothing grows with the count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms64m", "-Xmx64m"})
public class SatisfactionMetricsBenchmark {
    static final int RESPONSES = 10_000_000;

    private int[] scores;
    private Crm generated;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        scores = new int[1 << 16];
        for (int i = 0; i < scores.length; i++) {
            // skewed like real NPS answers
            int s = (int) Math.round(10 - Math.abs(random.nextGaussian() * 3.2));
            scores[i] = Math.max(0, Math.min(10, s));
        }
        generated = generatingCrm(scores);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        generated.close();
    }

    /** What both sides return, so neither can be optimised away and the two can be compared. */
    public record Result(long count, double mean, double median, double sd, double ciLow, double ciHigh, double nps,
                         double npsMargin) {
    }

    @Benchmark
    public Result analyticsCounter() {
        ScoreCounter counter = ScoreCounter.of(SurveyKind.NPS);
        int[] s = scores;
        for (int i = 0; i < RESPONSES; i++) {
            counter.add(s[i & 0xFFFF]);
        }
        ScoreDistribution d = counter.snapshot();
        ScoreSummary summary = d.summary();
        Nps nps = Nps.of(d);
        return new Result(summary.count(), summary.mean(), summary.median(), summary.standardDeviation(),
                summary.meanInterval95().lower(), summary.meanInterval95().upper(), nps.score(), nps.marginOfError());
    }

    @Benchmark
    public Result baselineLoop() {
        long[] counts = new long[11];
        int[] s = scores;
        for (int i = 0; i < RESPONSES; i++) {
            counts[s[i & 0xFFFF]]++;
        }
        return fromCounts(counts);
    }

    @Benchmark
    public Result analyticsPagedFromService() {
        ScoreDistribution d = SatisfactionAnalytics.of(generated).distribution(SurveyKind.NPS, SurveySlice.all());
        ScoreSummary summary = d.summary();
        Nps nps = Nps.of(d);
        return new Result(summary.count(), summary.mean(), summary.median(), summary.standardDeviation(),
                summary.meanInterval95().lower(), summary.meanInterval95().upper(), nps.score(), nps.marginOfError());
    }

    /** The hand-written statistics from a histogram. */
    static Result fromCounts(long[] counts) {
        long n = 0;
        double sum = 0;
        for (int v = 0; v < counts.length; v++) {
            n += counts[v];
            sum += (double) v * counts[v];
        }
        double mean = sum / n;
        double ss = 0;
        for (int v = 0; v < counts.length; v++) {
            ss += counts[v] * (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double median = (kth(counts, (n + 1) / 2) + kth(counts, n / 2 + 1)) / 2.0;
        if (n % 2 == 1) {
            median = kth(counts, (n + 1) / 2);
        }
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        double p = (double) (counts[9] + counts[10]) / n;
        double d = 0;
        for (int v = 0; v <= 6; v++) {
            d += counts[v];
        }
        d /= n;
        double npsMargin = 1.959963984540054 * 100 * Math.sqrt((p + d - (p - d) * (p - d)) / n);
        return new Result(n, mean, median, sd, mean - half, mean + half, 100 * (p - d), npsMargin);
    }

    private static int kth(long[] counts, long k) {
        long seen = 0;
        for (int v = 0; v < counts.length; v++) {
            seen += counts[v];
            if (seen >= k) {
                return v;
            }
        }
        throw new IllegalStateException();
    }

    /**
     * A CRM on in-memory storage whose survey repository puts {@value #RESPONSES} responses, made up page by
     * page from the score table, before those stored in it; everything else is the store's own.
     */
    static Crm generatingCrm(int[] table) {
        return Crm.builder().storage(ForwardingStorage.wrapping(InMemoryStorage.create(), repos -> new ForwardingStorage.Repos(repos) {
            @Override
            public SurveyRepository surveys() {
                return new GeneratedSurveys(table, repos.surveys());
            }
        })).build();
    }

    /**
     * Generated responses (cursor {@code g<n>}) followed by the stored ones (cursor {@code s} and then
     * {@code s<cursor>}).
     * Inserts and look-ups by id go to the stored responses; nothing is generated into the heap.
     */
    private record GeneratedSurveys(int[] table, SurveyRepository stored) implements SurveyRepository {
        private static final CustomerId CUSTOMER = new CustomerId(new UUID(1, 1));
        private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public void insert(SurveyResponse response) {
            stored.insert(response);
        }

        @Override
        public Optional<SurveyResponse> findById(SurveyResponseId id) {
            return stored.findById(id);
        }

        @Override
        public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
            return stored.reassignCustomer(from, to); // generated responses belong to no stored customer
        }

        @Override
        public List<UUID> reassignCustomer(java.util.Collection<UUID> ids, CustomerId from, CustomerId to) {
            return stored.reassignCustomer(ids, from, to);
        }

        @Override
        public Page<SurveyResponse> search(SurveyQuery query, AccessScope scope, PageRequest page) {
            // the benchmark reads as the system actor, whose scope admits every generated response
            String cursor = page.cursor().orElse("g0");
            if (cursor.startsWith("s")) {
                String after = cursor.substring(1);
                Page<SurveyResponse> p = stored.search(query, scope, after.isEmpty() ? PageRequest.first(page.limit())
                        : PageRequest.after(after, page.limit()));
                return new Page<>(p.items(), p.nextCursor().map(c -> "s" + c));
            }
            long from = Long.parseLong(cursor.substring(1));
            long to = Math.min(RESPONSES, from + page.limit());
            List<SurveyResponse> items = new ArrayList<>(page.limit());
            for (long i = from; i < to; i++) {
                SurveyResponse r = new SurveyResponse(new SurveyResponseId(new UUID(2, i)), CUSTOMER, SurveyKind.NPS,
                        table[(int) (i & 0xFFFF)], Optional.empty(), Optional.empty(), Optional.empty(),
                        START.plusSeconds(i));
                if (query.matches(r)) {
                    items.add(r);
                }
            }
            return new Page<>(items, Optional.of(to < RESPONSES ? "g" + to : "s")); // then the stored ones
        }
    }

    /** Checks that both sides compute the same numbers: {@code java ... SatisfactionMetricsBenchmark}. */
    public static void main(String[] args) {
        SatisfactionMetricsBenchmark b = new SatisfactionMetricsBenchmark();
        b.setUp();
        System.out.println("analytics " + b.analyticsCounter());
        System.out.println("baseline  " + b.baselineLoop());
        System.out.println("paged     " + b.analyticsPagedFromService());
        b.tearDown();
    }
}
