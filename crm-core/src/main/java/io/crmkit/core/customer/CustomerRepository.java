package io.crmkit.core.customer;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.security.AccessScope;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Storage port for customers, implemented by storage adapters and used inside a unit of work.
 * Adapters store what they are given; validation happened before.
 */
public interface CustomerRepository {
    /**
     * Stores a new customer.
     *
     * @throws io.crmkit.core.ConflictException if the id exists or an external reference is taken
     */
    void insert(Customer customer);

    Optional<Customer> findById(CustomerId id);

    /** The customer with this id; {@link NotFoundException} if there is none. */
    default Customer require(CustomerId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no customer " + id));
    }

    /**
     * Replaces a stored customer whose version is {@code customer.version() - 1}.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs (a concurrent change won) or
     *                                          an external reference is taken
     * @throws io.crmkit.core.NotFoundException if there is no such customer
     */
    void update(Customer customer);

    /**
     * Customers matching the query in id order (creation order). {@code query.phone()} holds an E.164
     * number; name and email criteria are case-insensitive; archived customers only with
     * {@code includeArchived}; only those the scope admits.
     */
    Page<Customer> search(CustomerQuery query, AccessScope scope, PageRequest page);

    Optional<Customer> findByExternalRef(ExternalRef ref);

    /**
     * Hands every customer matching the query that the scope admits to {@code sink}, in no particular order: a full
     * read such as duplicate detection's. By default page by page through {@link #search}; adapters whose search
     * sorts on every page (the in-memory one) override it to read in one pass.
     */
    default void forEach(CustomerQuery query, AccessScope scope, Consumer<? super Customer> sink) {
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<Customer> batch = search(query, scope, page);
            batch.items().forEach(sink);
            if (batch.nextCursor().isEmpty()) {
                return;
            }
            page = PageRequest.after(batch.nextCursor().get(), PageRequest.MAX_LIMIT);
        }
    }

    /** Stores new customers, as {@link #insert} does for each; adapters override it to batch the writes. */
    default void insertAll(List<Customer> customers) {
        customers.forEach(this::insert);
    }

    /** Which of these customers exist (archived ones too); adapters override it to query once. */
    default Set<CustomerId> existingIds(Collection<CustomerId> ids) {
        Set<CustomerId> found = new HashSet<>();
        for (CustomerId id : ids) {
            findById(id).ifPresent(c -> found.add(id));
        }
        return found;
    }

    /**
     * The customers (archived ones too) holding these references of one system, by reference id; matching is
     * exact. Adapters override it to query once.
     */
    default Map<String, Customer> findByExternalRefs(String system, Collection<String> ids) {
        Map<String, Customer> found = new HashMap<>();
        for (String id : ids) {
            findByExternalRef(new ExternalRef(system, id)).ifPresent(c -> found.put(id, c));
        }
        return found;
    }

    /**
     * Customers (archived ones too) with these email addresses, by lower-cased address; when several share
     * one, the oldest. Adapters override it to query once.
     */
    default Map<String, Customer> findByEmails(Collection<String> emails) {
        Map<String, Customer> found = new HashMap<>();
        for (String email : emails) {
            search(CustomerQuery.all().email(email).includeArchived(true), AccessScope.everything(), PageRequest.first(1)).items().stream()
                    .findFirst().ifPresent(c -> found.put(email.toLowerCase(Locale.ROOT), c));
        }
        return found;
    }
}
