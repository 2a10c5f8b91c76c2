package io.crmkit.core.commerce;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportReport;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

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

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default Purchase require(PurchaseId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no purchase " + id));
    }

    Optional<Purchase> findByExternalId(String externalId);

    /** Purchases matching the query in id order; page through all of them in bounded memory. */
    Page<Purchase> search(PurchaseQuery query, PageRequest page);

    /**
     * Imports many purchases in batches (one transaction per batch). Every row is validated; a rejected
     * row (invalid, unknown customer) never stops the others. A row whose external id is stored already,
     * or appeared earlier in the input, is a duplicate and is not stored again. Only
     * {@link ImportOptions#batchSize}, the callbacks and {@code keepProblems} apply.
     */
    ImportReport importAll(Iterator<NewPurchase> rows, ImportOptions options);

    /** {@link #importAll(Iterator, ImportOptions)} over a stream, which is read once and not closed. */
    default ImportReport importAll(Stream<NewPurchase> rows, ImportOptions options) {
        return importAll(rows.iterator(), options);
    }
}
