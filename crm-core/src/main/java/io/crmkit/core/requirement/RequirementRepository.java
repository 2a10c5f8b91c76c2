package io.crmkit.core.requirement;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.UserRef;
import java.time.LocalDate;
import java.util.Optional;

/** Storage port for customer needs. */
public interface RequirementRepository extends CustomerReferences {
    void insert(Requirement requirement);

    Optional<Requirement> findById(RequirementId id);

    /** The requirement with this id; {@link NotFoundException} if there is none. */
    default Requirement require(RequirementId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no requirement " + id));
    }

    /**
     * Replaces a need whose stored version is {@code requirement.version() - 1}, history included.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws io.crmkit.core.NotFoundException if there is no such need
     */
    void update(Requirement requirement);

    /** Open needs of an assignee that the scope admits, in id order. */
    Page<Requirement> openByAssignee(UserRef assignee, AccessScope scope, PageRequest page);

    /** Open needs due before {@code today} that the scope admits, by due date then id. */
    Page<Requirement> overdue(LocalDate today, AccessScope scope, PageRequest page);

    /** A customer's needs, in id order. */
    Page<Requirement> byCustomer(CustomerId customer, PageRequest page);
}
