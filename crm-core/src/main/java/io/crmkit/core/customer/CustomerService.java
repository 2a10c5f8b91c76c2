package io.crmkit.core.customer;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportReport;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Creates, changes and finds customers. Obtained from {@code crm.customers()}; thread-safe.
 * Every method is one transaction: a rejected call writes nothing.
 */
public interface CustomerService {
    /**
     * Validates and stores a new customer.
     *
     * @throws io.crmkit.core.ValidationException listing every invalid field
     * @throws io.crmkit.core.ConflictException    if an external reference is taken by another customer
     */
    Customer create(NewCustomer customer);

    Optional<Customer> get(CustomerId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default Customer require(CustomerId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no customer " + id));
    }

    /**
     * Applies an edit started by {@link Customer#edit()}.
     *
     * @throws io.crmkit.core.ConflictException if the customer changed since the edit began, or an
     *                                          external reference is taken
     */
    Customer update(CustomerEdit edit);

    /** Records one consent answer without an edit round trip. */
    Customer setConsent(CustomerId id, ContactChannel channel, ConsentStatus status, String source);

    /** Archives a customer: it drops out of searches but keeps its history. Archiving twice is harmless. */
    Customer archive(CustomerId id);

    /** Customers matching the query, in creation order. */
    Page<Customer> search(CustomerQuery query, PageRequest page);

    /**
     * Hands every customer matching the query, in creation order, to {@code sink}, page by page (memory stays
     * flat), and returns how many. Takes the right to export: the actor's export rule decides which customers
     * leave, and hidden fields stay hidden. Each exported customer gets an audit entry; the export is one
     * transaction, which the sink runs inside (a write it makes through the CRM joins it).
     */
    long export(CustomerQuery query, Consumer<? super Customer> sink);

    /** The customer linked to a host system's record. */
    Optional<Customer> findByExternalRef(String system, String id);

    /**
     * Imports many customers in batches (one transaction per batch). Every row is validated; a rejected
     * row never stops the others. With an upsert option, a row matching an existing customer updates it:
     * the row's name, stage, owner and department replace the stored ones, its contact points, tags,
     * attributes, references and consents are added. A row whose key appeared earlier in the input is a
     * duplicate and is not written. Memory stays flat but for the duplicate check (a few bytes per key).
     */
    ImportReport importAll(Iterator<NewCustomer> rows, ImportOptions options);

    /** {@link #importAll(Iterator, ImportOptions)} over a stream, which is read once and not closed. */
    default ImportReport importAll(Stream<NewCustomer> rows, ImportOptions options) {
        return importAll(rows.iterator(), options);
    }
}
