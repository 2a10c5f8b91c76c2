package io.crmkit.core.customer;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import java.util.Optional;

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
     * {@code includeArchived}.
     */
    Page<Customer> search(CustomerQuery query, PageRequest page);

    Optional<Customer> findByExternalRef(ExternalRef ref);
}
