package io.crmkit.core.policy;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Communication policies: who to contact, why, how and how often. From {@code crm.policies()}; thread-safe; every call
 * one transaction but {@link #execute}, which takes one per customer.
 *
 * <p>{@link #due} lists the customers to contact on a date; {@link #execute} turns each into a task for the owner
 * (calls, visits) or a message through {@code crm.messaging()} (email, SMS, voice), linked to the policy on the
 * customer's timeline, at most once per policy, customer and due date. Contact pressure
 * ({@link PolicySettings}) holds across every policy and channel; a contact refused says why
 * ({@link ContactRefusal}).
 */
public interface PolicyService {
    /**
     * @throws io.crmkit.core.ValidationException listing every invalid field
     * @throws io.crmkit.core.AccessDeniedException if the actor may not create a policy for that owner
     */
    CommunicationPolicy create(NewPolicy policy);

    Optional<CommunicationPolicy> get(PolicyId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default CommunicationPolicy require(PolicyId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no policy " + id));
    }

    /**
     * Replaces the fields of a policy with those of the form.
     *
     * @param baseVersion the version the change was based on
     * @throws io.crmkit.core.ConflictException if the policy changed since
     */
    CommunicationPolicy update(PolicyId id, long baseVersion, NewPolicy fields);

    /** The policies the actor may read, in creation order. */
    Page<CommunicationPolicy> search(PageRequest page);

    /**
     * The customers the policy should contact on {@code date}, in creation order, among those the actor may read; empty
     * if the policy is not active on that date or a global pause covers it.
     */
    Page<DueContact> due(PolicyId policy, LocalDate date, PageRequest page);

    /** Contacts every customer due on {@code date}, page by page, one transaction per customer. */
    ExecutionReport execute(PolicyId policy, LocalDate date);

    /**
     * Contacts one customer for the policy on {@code date}, checking again everything {@link #due} checks, and says
     * what it did or why not.
     */
    ContactResult contact(PolicyId policy, CustomerId customer, LocalDate date);

    /**
     * Pauses every policy for everyone ({@code customer} null) or for one customer in {@code [from, to)}.
     *
     * @throws io.crmkit.core.ValidationException for a bad period or reason
     */
    PauseWindow pause(@Nullable CustomerId customer, Instant from, Instant to, String reason);

    /** How the policy's contacts made in {@code [from, to)} worked. */
    PolicyEffectiveness effectiveness(PolicyId policy, Instant from, Instant to);
}
