package io.crmkit.core.dedup;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import java.util.Optional;

/** Storage port for the merge history, used inside a unit of work. */
public interface MergeRepository {
    /** Stores a new merge; {@link io.crmkit.core.ConflictException} if its id exists. */
    void insert(Merge merge);

    Optional<Merge> findById(MergeId id);

    /** Stores that a merge was undone (its {@code undone*} fields); {@link io.crmkit.core.NotFoundException} if absent. */
    void markUndone(Merge merge);

    /** The merges a customer took part in, as winner or loser, in id (time) order. */
    Page<Merge> byCustomer(CustomerId customer, PageRequest page);
}
