package io.crmkit.core.policy;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.security.AccessScope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** Storage port for communication policies, their contacts and pause windows. */
public interface PolicyRepository {
    /** @throws io.crmkit.core.ConflictException if the id is taken */
    void insert(CommunicationPolicy policy);

    Optional<CommunicationPolicy> findById(PolicyId id);

    /** The policy with this id; {@link NotFoundException} if there is none. */
    default CommunicationPolicy require(PolicyId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no policy " + id));
    }

    /**
     * Replaces a stored policy whose version is {@code policy.version() - 1}.
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws NotFoundException                if there is none
     */
    void update(CommunicationPolicy policy);

    /** The policies the scope admits (by owner user and department), in id order. */
    Page<CommunicationPolicy> search(AccessScope scope, PageRequest page);

    /**
     * The customers due by {@code query} that {@code customers} admits, in id order: on a database one statement per
     * page, every condition in it.
     */
    Page<DueContact> due(DueQuery query, AccessScope customers, PageRequest page);

    /** Stores a contact; false (and nothing written) if the policy has one for that customer and due date. */
    boolean recordContact(PolicyContact contact);

    /** The contact of a policy with a customer for a due date. */
    Optional<PolicyContact> findContact(PolicyId policy, CustomerId customer, LocalDate dueDate);

    /**
     * One customer's contacts at or after each start and before {@code until}: in total and on {@code channel}. A
     * contact is as {@link DueQuery} says.
     */
    PressureCounts pressure(CustomerId customer, InteractionChannel channel, Instant monthStart, Instant weekStart,
                            Instant dayStart, Instant until);

    /** @throws io.crmkit.core.ConflictException if the id is taken */
    void insertPause(PauseWindow pause);

    /** A pause window overlapping {@code [from, to)}: a global one, or the customer's. */
    Optional<PauseWindow> pauseOf(CustomerId customer, Instant from, Instant to);

    /** A global pause window overlapping {@code [from, to)}. */
    Optional<PauseWindow> globalPause(Instant from, Instant to);

    /**
     * The effectiveness of a policy's contacts made in {@code [from, to)}, beside the customers of {@code segment} that
     * {@code customers} admits and the policy never contacted.
     */
    PolicyEffectiveness effectiveness(PolicyId policy, CustomerQuery segment, AccessScope customers, Instant from,
                                      Instant to);
}
