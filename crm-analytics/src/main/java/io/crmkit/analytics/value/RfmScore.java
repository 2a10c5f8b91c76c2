package io.crmkit.analytics.value;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A customer's recency, frequency and monetary scores, each a quintile from 1 (worst fifth) to 5 (best
 * fifth) among the customers scored together, and the segment they imply. A value's quintile is
 * {@code 1 + floor(5 * below / n)} where {@code below} counts the customers with a worse value, so
 * equal values always get equal scores. For recency fewer days is better.
 *
 * @param customerId  the customer
 * @param recencyDays whole days from the last purchase to the scoring time
 * @param frequency   number of purchases
 * @param monetary    total spent
 * @param r           recency score, 1-5
 * @param f           frequency score, 1-5
 * @param m           monetary score, 1-5
 * @param segment     the named segment of r and f
 */
public record RfmScore(CustomerId customerId, long recencyDays, long frequency, BigDecimal monetary, int r, int f,
                       int m, RfmSegment segment) {
    public RfmScore {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(monetary, "monetary");
        Objects.requireNonNull(segment, "segment");
    }

    /** The three scores as one code: "545". */
    public String code() {
        return "" + r + f + m;
    }

    /**
     * Scores customers against each other, as of a time (usually now).
     *
     * @throws ValidationException if a customer's last purchase is after {@code asOf}
     */
    public static List<RfmScore> score(Collection<CustomerValue> customers, Instant asOf) {
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(asOf, "asOf");
        int n = customers.size();
        long[] recency = new long[n];
        long[] frequency = new long[n];
        BigDecimal[] monetary = new BigDecimal[n];
        int i = 0;
        for (CustomerValue v : customers) {
            if (v.last().isAfter(asOf)) {
                throw ValidationException.of("asOf", "range", "must not be before the last purchase of customer "
                        + v.customerId() + " (" + v.last() + ")");
            }
            recency[i] = Duration.between(v.last(), asOf).toDays();
            frequency[i] = v.purchases();
            monetary[i] = v.total();
            i++;
        }
        long[] recencySorted = recency.clone();
        Arrays.sort(recencySorted);
        long[] frequencySorted = frequency.clone();
        Arrays.sort(frequencySorted);
        BigDecimal[] monetarySorted = monetary.clone();
        Arrays.sort(monetarySorted);
        List<RfmScore> out = new ArrayList<>(n);
        i = 0;
        for (CustomerValue v : customers) {
            // Worse recency: more days, so count the values strictly greater.
            int worseR = n - upperBound(recencySorted, recency[i]);
            int worseF = lowerBound(frequencySorted, frequency[i]);
            int worseM = lowerBound(monetarySorted, monetary[i]);
            int r = quintile(worseR, n);
            int f = quintile(worseF, n);
            int m = quintile(worseM, n);
            out.add(new RfmScore(v.customerId(), recency[i], frequency[i], monetary[i], r, f, m, RfmSegment.of(r, f)));
            i++;
        }
        return List.copyOf(out);
    }

    private static int quintile(int below, int n) {
        return 1 + (int) (5L * below / n);
    }

    private static int lowerBound(long[] a, long v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(long[] a, long v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lowerBound(BigDecimal[] a, BigDecimal v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid].compareTo(v) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
