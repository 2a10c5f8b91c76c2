package io.crmkit.analytics.satisfaction;

import io.crmkit.core.ValidationException;
import io.crmkit.core.satisfaction.SurveyKind;
import java.util.Objects;

/**
 * Counts scores on a small integer scale: the accumulator every satisfaction metric is computed from.
 * Memory is one counter per scale point, however many scores are added. Not thread-safe; give each
 * thread its own and {@link #merge} them.
 *
 * <pre>{@code
 * ScoreCounter nps = ScoreCounter.of(SurveyKind.NPS);
 * for (int score : scores) nps.add(score);
 * Nps result = Nps.of(nps.snapshot());
 * }</pre>
 */
public final class ScoreCounter {
    private final int min;
    private final long[] counts;

    private ScoreCounter(int min, int max) {
        if (max < min) {
            throw ValidationException.of("max", "range", "must be at least min (" + min + ") but was " + max);
        }
        if ((long) max - min + 1 > 1_000) {
            throw ValidationException.of("max", "range", "a scale has at most 1000 points but " + min + ".." + max
                    + " has " + ((long) max - min + 1));
        }
        this.min = min;
        this.counts = new long[max - min + 1];
    }

    /** A counter for the scale {@code min..max} (at most 1000 points). */
    public static ScoreCounter of(int min, int max) {
        return new ScoreCounter(min, max);
    }

    /** A counter for the scale of a survey kind: 1-5 for CSAT, 0-10 for NPS, 1-7 for CES. */
    public static ScoreCounter of(SurveyKind kind) {
        Objects.requireNonNull(kind, "kind");
        return new ScoreCounter(kind.min(), kind.max());
    }

    /**
     * Counts one score.
     *
     * @throws ValidationException if the score is outside the scale
     */
    public ScoreCounter add(int score) {
        try {
            counts[score - min]++; // the array's own bounds check is the scale check
        } catch (ArrayIndexOutOfBoundsException e) {
            throw outOfScale(score);
        }
        return this;
    }

    /** Counts {@code times} occurrences of a score ({@code times} 0 or more). */
    public ScoreCounter add(int score, long times) {
        int i = score - min;
        if (i < 0 || i >= counts.length) {
            throw outOfScale(score);
        }
        if (times < 0) {
            throw ValidationException.of("times", "range", "must be 0 or more but was " + times);
        }
        counts[i] += times;
        return this;
    }

    /** Adds every count of another counter on the same scale. */
    public ScoreCounter merge(ScoreCounter other) {
        if (other.min != min || other.counts.length != counts.length) {
            throw ValidationException.of("scale", "mismatch", "cannot merge scale " + other.min + ".."
                    + other.max() + " into " + min + ".." + max());
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        return this;
    }

    public int min() {
        return min;
    }

    public int max() {
        return min + counts.length - 1;
    }

    /** How many scores were counted so far. */
    public long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** An immutable copy of the counts, with every statistic. */
    public ScoreDistribution snapshot() {
        return new ScoreDistribution(min, counts.clone());
    }

    private ValidationException outOfScale(int score) {
        return ValidationException.of("score", "range", "must be between " + min + " and " + max() + " but was " + score);
    }
}
