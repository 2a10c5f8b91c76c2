package io.crmkit.core.dedup;

import io.crmkit.core.customer.CustomerId;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Two customers that look like one.
 *
 * @param first          the older of the two (the smaller id)
 * @param second         the other
 * @param score          how sure the match is, 0 to 1 (see {@link MatchReason} for how it is computed)
 * @param reasons        what agreed
 * @param nameSimilarity how alike the names are, 0 to 1, whether or not that made {@link MatchReason#NAME}
 */
public record DuplicateCandidate(CustomerId first, CustomerId second, double score, Set<MatchReason> reasons,
                                 double nameSimilarity) {
    public DuplicateCandidate {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(reasons, "reasons");
        reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    }

    /** Whether this pair is these two customers, in either order. */
    public boolean is(CustomerId a, CustomerId b) {
        return first.equals(a) && second.equals(b) || first.equals(b) && second.equals(a);
    }
}
