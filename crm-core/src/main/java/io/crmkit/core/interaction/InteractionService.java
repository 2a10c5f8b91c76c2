package io.crmkit.core.interaction;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import java.util.Optional;

/** Logs contacts with customers and reads their timelines. From {@code crm.interactions()}; thread-safe. */
public interface InteractionService {
    /**
     * Logs an interaction with an existing customer; the acting user is its author.
     *
     * @throws io.crmkit.core.NotFoundException   if the customer does not exist
     * @throws io.crmkit.core.ValidationException listing every invalid field
     */
    Interaction log(CustomerId customer, NewInteraction interaction);

    Optional<Interaction> get(InteractionId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default Interaction require(InteractionId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no interaction " + id));
    }

    /** The customer's interactions, newest first (by occurrence time, then id). */
    Page<Interaction> timeline(CustomerId customer, TimelineQuery query, PageRequest page);
}
