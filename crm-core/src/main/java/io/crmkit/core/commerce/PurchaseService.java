package io.crmkit.core.commerce;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import java.util.Optional;

/** Records and reads purchases. From {@code crm.purchases()}; thread-safe. */
public interface PurchaseService {
    /**
     * Records a purchase. If one with the same external id exists, returns it and stores nothing.
     *
     * @throws io.crmkit.core.ValidationException listing every invalid field
     * @throws io.crmkit.core.NotFoundException   if the customer does not exist
     */
    Purchase record(NewPurchase purchase);

    Optional<Purchase> get(PurchaseId id);

    Optional<Purchase> findByExternalId(String externalId);

    /** Purchases matching the query in id order; page through all of them in bounded memory. */
    Page<Purchase> find(PurchaseQuery query, PageRequest page);
}
