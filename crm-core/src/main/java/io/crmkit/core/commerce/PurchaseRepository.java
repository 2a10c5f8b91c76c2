package io.crmkit.core.commerce;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import java.util.Optional;

/** Storage port for purchases. */
public interface PurchaseRepository {
    /**
     * Stores a purchase.
     *
     * @throws io.crmkit.core.ConflictException if its external id is taken
     */
    void insert(Purchase purchase);

    Optional<Purchase> findById(PurchaseId id);

    Optional<Purchase> findByExternalId(String externalId);

    /** Matching purchases in id order. */
    Page<Purchase> find(PurchaseQuery query, PageRequest page);
}
