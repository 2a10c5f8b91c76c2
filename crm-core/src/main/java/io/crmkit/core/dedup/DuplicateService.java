package io.crmkit.core.dedup;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds customers that look like one, merges them and undoes merges. Obtained from {@code crm.duplicates()};
 * thread-safe. Detection sees the customers the actor may read; a merge needs the right to edit every customer in
 * it, and a customer out of the actor's sight is "not found".
 */
public interface DuplicateService {
    /**
     * The candidates at or above the query's scores, the best first (ties in id order), at most
     * {@code query.limit()}. Reads every customer the actor may see once; memory grows with their number (a
     * compact profile each), not with their square.
     */
    List<DuplicateCandidate> find(DuplicateQuery query);

    /**
     * Hands every candidate at or above the query's scores to {@code sink}, in no particular order and without
     * the query's limit, and returns how many.
     */
    long scan(DuplicateQuery query, Consumer<? super DuplicateCandidate> sink);

    /**
     * Makes one customer of several, in one transaction: every record of the losers moves to the winner (each kind
     * of {@link io.crmkit.core.spi.Repositories#customerReferences()}); the winner gains the email addresses, phone
     * numbers, tags and custom attributes it lacked and the losers' external references; the losers are archived;
     * a {@link Merge} records what moved from whom, and every customer gets an audit entry.
     *
     * <p>The customers are passed as the caller read them: if any of them changed since (its version differs),
     * the merge is refused with a {@link io.crmkit.core.ConflictException} and nothing changes. So is a merge that
     * races another change of one of its customers.
     *
     * @throws io.crmkit.core.ValidationException if there is no loser, too many, the winner is among them, one is
     *                                            named twice, one is already merged, or the reason is blank or long
     * @throws NotFoundException                  if a customer does not exist or the actor may not see it
     * @throws io.crmkit.core.AccessDeniedException if the actor may see but not edit one
     */
    Merge merge(Customer winner, List<Customer> losers, String reason);

    /**
     * Undoes a merge: the losers' records that moved go back, the losers are restored (unarchived, with their
     * external references), and the winner loses what it gained (contact points, tags and attributes it still
     * has; an attribute goes even if edited since). The rule: an unmerge is refused with a
     * {@link io.crmkit.core.ConflictException}, changing nothing, if a loser changed since the merge (its version
     * differs from {@link MergedCustomer#versionAfter()}), or if a record that moved no longer belongs to the
     * winner (a later merge took the winner away: undo that one first). Records that still belong to the winner
     * go back as they are now, with their later edits.
     *
     * @throws NotFoundException if there is no such merge, or the actor may not see its customers
     * @throws io.crmkit.core.ConflictException if it was undone already, or by the rule above
     */
    Merge unmerge(MergeId merge, String reason);

    /** A merge from the history, if the actor may see its winner. */
    Optional<Merge> getMerge(MergeId merge);

    /** The merges a customer took part in, as winner or loser, oldest first; empty if the actor may not see it. */
    Page<Merge> merges(CustomerId customer, PageRequest page);
}
