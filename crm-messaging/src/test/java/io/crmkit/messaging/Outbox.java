package io.crmkit.messaging;

import io.crmkit.core.Crm;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.TimelineQuery;
import io.crmkit.core.messaging.OutboxMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads whole outboxes and timelines page by page, with a bound on the number of pages. */
final class Outbox {
    private static final int PAGE = 500;
    private static final int MAX_PAGES = 1_000;

    private Outbox() {
    }

    static List<OutboxMessage> withStatus(Crm crm, DeliveryStatus status) {
        List<OutboxMessage> all = new ArrayList<>();
        Optional<PageRequest> next = Optional.of(PageRequest.first(PAGE));
        for (int pages = 0; next.isPresent(); pages++) {
            if (pages == MAX_PAGES) {
                throw new AssertionError("more than " + MAX_PAGES + " pages of " + status + " messages");
            }
            Page<OutboxMessage> page = crm.messaging().withStatus(status, next.get());
            all.addAll(page.items());
            next = next.get().next(page);
        }
        return all;
    }

    static List<Interaction> timeline(Crm crm, CustomerId customer) {
        List<Interaction> all = new ArrayList<>();
        Optional<PageRequest> next = Optional.of(PageRequest.first(PAGE));
        for (int pages = 0; next.isPresent(); pages++) {
            if (pages == MAX_PAGES) {
                throw new AssertionError("more than " + MAX_PAGES + " timeline pages");
            }
            Page<Interaction> page = crm.interactions().timeline(customer, TimelineQuery.all(), next.get());
            all.addAll(page.items());
            next = next.get().next(page);
        }
        return all;
    }

    /** How many messages are in a status. */
    static int count(Crm crm, DeliveryStatus status) {
        return withStatus(crm, status).size();
    }
}
