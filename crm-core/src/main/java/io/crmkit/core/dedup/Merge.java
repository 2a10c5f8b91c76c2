package io.crmkit.core.dedup;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The history record of one merge: who became whom, and exactly what moved, so that
 * {@link DuplicateService#unmerge} can put it back.
 *
 * @param id            the merge
 * @param winner        the customer that remained
 * @param winnerVersion the winner's version the merge left
 * @param losers        what came from each merged customer, in the order given
 * @param reason        why, as the caller said
 * @param actor         who merged
 * @param mergedAt      when
 * @param undoneAt      when it was undone, if it was
 * @param undoneBy      who undid it
 * @param undoReason    why it was undone
 */
public record Merge(MergeId id, CustomerId winner, long winnerVersion, List<MergedCustomer> losers, String reason,
                    UserRef actor, Instant mergedAt, Optional<Instant> undoneAt, Optional<UserRef> undoneBy,
                    Optional<String> undoReason) {
    /** Most losers in one merge. */
    public static final int MAX_LOSERS = 100;
    /** Longest reason, in characters. */
    public static final int MAX_REASON = 500;

    public Merge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(winner, "winner");
        losers = List.copyOf(losers);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(mergedAt, "mergedAt");
        Objects.requireNonNull(undoneAt, "undoneAt");
        Objects.requireNonNull(undoneBy, "undoneBy");
        Objects.requireNonNull(undoReason, "undoReason");
    }

    public boolean isUndone() {
        return undoneAt.isPresent();
    }

    /** The merged customers' ids. */
    public List<CustomerId> loserIds() {
        return losers.stream().map(MergedCustomer::customerId).toList();
    }

    /** How many records moved from every loser together. */
    public int movedCount() {
        return losers.stream().mapToInt(MergedCustomer::movedCount).sum();
    }

    /** This merge, undone. */
    public Merge undone(Instant at, UserRef by, String why) {
        return new Merge(id, winner, winnerVersion, losers, reason, actor, mergedAt, Optional.of(at), Optional.of(by),
                Optional.of(why));
    }
}
