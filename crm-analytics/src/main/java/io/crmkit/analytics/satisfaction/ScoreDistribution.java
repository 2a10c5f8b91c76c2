package io.crmkit.analytics.satisfaction;

import io.crmkit.core.ValidationException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.jspecify.annotations.Nullable;

/**
 * How many responses gave each score on a scale {@code min..max}, and the statistics that follow from
 * it. Immutable. Statistics that need more observations than there are return {@code NaN}: the mean
 * needs one, the standard deviation and the interval two.
 */
public final class ScoreDistribution {
    private final int min;
    private final long[] counts;
    private final long count;
    private final double mean;
    private final double variance;

    ScoreDistribution(int min, long[] counts) {
        this.min = min;
        this.counts = counts;
        long n = 0;
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            n += counts[i];
            sum += (double) counts[i] * (min + i);
        }
        this.count = n;
        this.mean = n == 0 ? Double.NaN : sum / n;
        if (n < 2) {
            this.variance = Double.NaN;
        } else {
            double ss = 0;
            for (int i = 0; i < counts.length; i++) {
                double d = min + i - mean;
                ss += counts[i] * d * d;
            }
            this.variance = ss / (n - 1);
        }
    }

    /** A distribution from explicit counts: {@code counts[i]} responses gave score {@code min + i}. */
    public static ScoreDistribution of(int min, long... counts) {
        if (counts.length == 0) {
            throw ValidationException.of("counts", "required", "must have one count per scale point");
        }
        ScoreCounter counter = ScoreCounter.of(min, min + counts.length - 1);
        for (int i = 0; i < counts.length; i++) {
            counter.add(min + i, counts[i]);
        }
        return counter.snapshot();
    }

    public int min() {
        return min;
    }

    public int max() {
        return min + counts.length - 1;
    }

    /** How many responses gave this score; 0 outside the scale. */
    public long count(int score) {
        int i = score - min;
        return i < 0 || i >= counts.length ? 0 : counts[i];
    }

    /** Number of responses. */
    public long count() {
        return count;
    }

    /** Counts per score, every scale point in ascending order, zeros included. */
    public Map<Integer, Long> counts() {
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            m.put(min + i, counts[i]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The share of responses with a score in {@code [from, to]}; {@code NaN} without responses. */
    public double share(int from, int to) {
        if (count == 0) {
            return Double.NaN;
        }
        long n = 0;
        for (int s = Math.max(from, min); s <= Math.min(to, max()); s++) {
            n += counts[s - min];
        }
        return (double) n / count;
    }

    public double mean() {
        return mean;
    }

    /** The sample variance (divided by n - 1). */
    public double variance() {
        return variance;
    }

    /** The sample standard deviation (n - 1 in the denominator). */
    public double standardDeviation() {
        return Math.sqrt(variance);
    }

    /** The exact median: the middle score, or the mean of the two middle scores for an even count. */
    public double median() {
        if (count == 0) {
            return Double.NaN;
        }
        if (count % 2 == 1) {
            return kth((count + 1) / 2);
        }
        return (kth(count / 2) + kth(count / 2 + 1)) / 2.0;
    }

    /** The {@code k}-th smallest score, 1-based. */
    private int kth(long k) {
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= k) {
                return min + i;
            }
        }
        throw new IllegalStateException("k beyond count");
    }

    /** The 95% confidence interval of the mean, from Student's t distribution with n - 1 degrees of freedom. */
    public Interval meanInterval() {
        return meanInterval(0.95);
    }

    /** The confidence interval of the mean at {@code level} (for example 0.95), from Student's t distribution. */
    public Interval meanInterval(double level) {
        if (!(level > 0 && level < 1)) {
            throw ValidationException.of("level", "range", "must be between 0 and 1 (exclusive) but was " + level);
        }
        if (count < 2) {
            return new Interval(Double.NaN, Double.NaN);
        }
        double t = new TDistribution(null, count - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double half = t * standardDeviation() / Math.sqrt(count);
        return new Interval(mean - half, mean + half);
    }

    /** Adds two distributions on the same scale. */
    public ScoreDistribution plus(ScoreDistribution other) {
        if (other.min != min || other.counts.length != counts.length) {
            throw ValidationException.of("scale", "mismatch", "cannot add scale " + other.min + ".." + other.max()
                    + " to " + min + ".." + max());
        }
        long[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.counts[i];
        }
        return new ScoreDistribution(min, sum);
    }

    /** The headline numbers as a record. */
    public ScoreSummary summary() {
        return new ScoreSummary(count, mean, median(), standardDeviation(), meanInterval(), counts());
    }

    long[] rawCounts() {
        return counts;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ScoreDistribution d && d.min == min && Arrays.equals(d.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * min + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ScoreDistribution[" + counts() + "]";
    }
}
