package io.crmkit.core.customer;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The part of a feature's storage port that a merge of customers uses: it moves the feature's records from one
 * customer to another. Every repository whose records belong to a customer extends it, and
 * {@link io.crmkit.core.spi.Repositories#customerReferences()} lists them, so that a merge moves every kind of
 * record and a new feature joins with one line there. Versioned records move at their next version, so an edit
 * begun before the move is refused rather than putting the record back.
 */
public interface CustomerReferences {
    /** Moves every record of {@code from} to {@code to}; the ids of the records moved, in id order. */
    List<UUID> reassignCustomer(CustomerId from, CustomerId to);

    /**
     * Moves those of {@code ids} that belong to {@code from} to {@code to} (the others are left as they are); the ids
     * of the records moved, in id order. An unmerge moves records back with it.
     */
    List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to);
}
