package io.crmkit.core.service;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a case stores of its service levels, recomputed on every change of the case so that the lists of
 * {@link ServiceCaseRepository} are index range scans, and the marks that make each warning and breach fire once.
 *
 * @param policy     the name of the policy that applied at the last change; empty: none matched
 * @param dueAt      the earliest due instant of a clock that runs and is not marked breached; empty while the case
 *                   is paused or nothing runs
 * @param warningAt  the earliest warning instant of a clock that runs and is not marked warned nor breached
 * @param checkAt    the earlier of the two: when the monitor has something to do with the case
 * @param breachedAt the due instant of the first breach marked
 * @param warned     the metrics whose warning was marked
 * @param breached   the metrics whose breach was marked
 */
public record SlaMarks(Optional<String> policy, Optional<Instant> dueAt, Optional<Instant> warningAt,
                       Optional<Instant> checkAt, Optional<Instant> breachedAt, Set<SlaMetric> warned,
                       Set<SlaMetric> breached) {
    /** No policy, nothing marked. */
    public static final SlaMarks NONE = new SlaMarks(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Set.of(), Set.of());

    public SlaMarks {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(warningAt, "warningAt");
        Objects.requireNonNull(checkAt, "checkAt");
        Objects.requireNonNull(breachedAt, "breachedAt");
        warned = Set.copyOf(warned);
        breached = Set.copyOf(breached);
    }

    /** The metrics as bits (1 for the first constant, 2 for the second, ...), as a database column holds them. */
    public static int bits(Set<SlaMetric> metrics) {
        int bits = 0;
        for (SlaMetric m : metrics) {
            bits |= 1 << m.ordinal();
        }
        return bits;
    }

    /** The metrics of {@link #bits(Set)}. */
    public static Set<SlaMetric> metrics(int bits) {
        EnumSet<SlaMetric> set = EnumSet.noneOf(SlaMetric.class);
        for (SlaMetric m : SlaMetric.values()) {
            if ((bits & 1 << m.ordinal()) != 0) {
                set.add(m);
            }
        }
        return set;
    }
}
