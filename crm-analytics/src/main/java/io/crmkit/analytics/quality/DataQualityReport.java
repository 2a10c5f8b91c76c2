package io.crmkit.analytics.quality;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.dedup.DuplicateCandidate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The data quality of the customer records at {@code at}.
 *
 * @param at            when it was assessed
 * @param customers     customers assessed (not archived)
 * @param completeness  per field, how many customers have it (in {@link DataQuality#FIELDS} order)
 * @param unreachable   contact points that failed and are still on the customer, newest first, at most the
 *                      {@link DataQuality.Builder#listed listed} count
 * @param unreachableCount all of them
 * @param staleBefore   records not changed since this instant are stale
 * @param stale         the stalest records, oldest first, at most the listed count
 * @param staleCount    all stale records
 * @param duplicates    the duplicate candidates, best first, at most the listed count
 * @param duplicateCount all candidates found (up to the duplicate query's limit)
 */
public record DataQualityReport(Instant at, long customers, List<FieldCompleteness> completeness,
                                List<UnreachableContact> unreachable, long unreachableCount, Instant staleBefore,
                                List<CustomerId> stale, long staleCount, List<DuplicateCandidate> duplicates,
                                long duplicateCount) {
    public DataQualityReport {
        Objects.requireNonNull(at, "at");
        completeness = List.copyOf(completeness);
        unreachable = List.copyOf(unreachable);
        Objects.requireNonNull(staleBefore, "staleBefore");
        stale = List.copyOf(stale);
        duplicates = List.copyOf(duplicates);
    }

    /** The completeness of {@code field}. */
    public FieldCompleteness field(String field) {
        return completeness.stream().filter(f -> f.field().equals(field)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field " + field + "; fields: " + DataQuality.FIELDS));
    }
}
