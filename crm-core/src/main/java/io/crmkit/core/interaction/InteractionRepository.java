package io.crmkit.core.interaction;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import java.util.Optional;

/** Storage port for interactions. */
public interface InteractionRepository {
    void insert(Interaction interaction);

    Optional<Interaction> findById(InteractionId id);

    /** Newest first: by {@code occurredAt} descending, then id descending. */
    Page<Interaction> timeline(CustomerId customer, TimelineQuery query, PageRequest page);
}
