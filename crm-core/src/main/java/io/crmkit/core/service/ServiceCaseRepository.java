package io.crmkit.core.service;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.security.AccessScope;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for service cases, with their status history and links. */
public interface ServiceCaseRepository extends CustomerReferences {
    /**
     * Stores a new case.
     *
     * @throws io.crmkit.core.ConflictException if its id is taken
     */
    void insert(ServiceCase serviceCase);

    Optional<ServiceCase> findById(ServiceCaseId id);

    /** The case with this id; {@link NotFoundException} if there is none. */
    default ServiceCase require(ServiceCaseId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no service case " + id));
    }

    /**
     * Replaces a case whose stored version is {@code serviceCase.version() - 1}, history and links included.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws io.crmkit.core.NotFoundException if there is no such case
     */
    void update(ServiceCase serviceCase);

    /** Matching cases that the scope admits (by their customer), in id order. */
    Page<ServiceCase> search(ServiceCaseQuery query, AccessScope scope, PageRequest page);

    /** How many cases {@link #search} would list, without reading them. */
    long count(ServiceCaseQuery query, AccessScope scope);

    /**
     * Cases the scope admits whose stored {@linkplain SlaMarks#dueAt() due instant} is before {@code instant}: breaching
     * soon, or past due and not yet marked breached. Earliest due first, then by id.
     */
    Page<ServiceCase> dueBefore(Instant instant, AccessScope scope, PageRequest page);

    /**
     * Cases the scope admits whose first marked breach ({@link SlaMarks#breachedAt()}) lies in {@code [from, to)}.
     * Earliest breach first, then by id.
     */
    Page<ServiceCase> breachedBetween(Instant from, Instant to, AccessScope scope, PageRequest page);

    /**
     * At most {@code limit} cases whose {@linkplain SlaMarks#checkAt() check instant} is at or before {@code now}, earliest
     * first, then by id, and after {@code after} in that order when given: what the SLA monitor has to mark, read in
     * batches that move on past cases it could not mark. Not scoped: the monitor acts as the system.
     */
    List<ServiceCase> slaCheckDue(Instant now, Optional<CheckPosition> after, int limit);

    /**
     * A place in the order of {@link #slaCheckDue}: a case's check instant as it was read, and its id.
     *
     * @param checkAt the check instant
     * @param id      the case
     */
    record CheckPosition(Instant checkAt, ServiceCaseId id) {
        public CheckPosition {
            java.util.Objects.requireNonNull(checkAt, "checkAt");
            java.util.Objects.requireNonNull(id, "id");
        }

        /** The position of a case that {@link #slaCheckDue} returned (so it has a check instant). */
        public static CheckPosition of(ServiceCase c) {
            return new CheckPosition(c.sla().checkAt().orElseThrow(), c.id());
        }
    }
}
