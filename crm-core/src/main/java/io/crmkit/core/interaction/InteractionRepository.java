package io.crmkit.core.interaction;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerReferences;
import java.util.Optional;

/** Storage port for interactions. */
public interface InteractionRepository extends CustomerReferences {
    /** @throws io.crmkit.core.ConflictException if the id is taken */
    void insert(Interaction interaction);

    Optional<Interaction> findById(InteractionId id);

    /** The interaction with this id; {@link NotFoundException} if there is none. */
    default Interaction require(InteractionId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no interaction " + id));
    }

    /**
     * Writes a message's delivery status (and the provider's id, when present) onto its interaction.
     *
     * @throws io.crmkit.core.NotFoundException if there is no such interaction
     */
    void updateDelivery(InteractionId id, DeliveryStatus status, Optional<String> providerMessageId);

    /** Newest first: by {@code occurredAt} descending, then id descending. */
    Page<Interaction> timeline(CustomerId customer, TimelineQuery query, PageRequest page);
}
