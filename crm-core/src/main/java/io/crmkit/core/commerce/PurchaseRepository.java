package io.crmkit.core.commerce;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.security.AccessScope;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Storage port for purchases. */
public interface PurchaseRepository extends CustomerReferences {
    /**
     * Stores a purchase.
     *
     * @throws io.crmkit.core.ConflictException if its external id is taken
     */
    void insert(Purchase purchase);

    Optional<Purchase> findById(PurchaseId id);

    /** The purchase with this id; {@link NotFoundException} if there is none. */
    default Purchase require(PurchaseId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no purchase " + id));
    }

    Optional<Purchase> findByExternalId(String externalId);

    /** Stores new purchases, as {@link #insert} does for each; adapters override it to batch the writes. */
    default void insertAll(List<Purchase> purchases) {
        purchases.forEach(this::insert);
    }

    /** Which of these external ids are stored already; adapters override it to query once. */
    default Set<String> existingExternalIds(Collection<String> externalIds) {
        Set<String> found = new HashSet<>();
        for (String id : externalIds) {
            findByExternalId(id).ifPresent(p -> found.add(id));
        }
        return found;
    }

    /** Matching purchases that the scope admits (by their customer), in id order. */
    Page<Purchase> search(PurchaseQuery query, AccessScope scope, PageRequest page);
}
