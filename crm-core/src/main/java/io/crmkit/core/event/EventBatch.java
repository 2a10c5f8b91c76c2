package io.crmkit.core.event;

import java.util.List;

/**
 * One read of the event feed: the events an actor may see, and the position to read on from. {@code next} is the
 * position of the last event the read went past, readable or not, so a consumer whose events were all filtered
 * out still moves on.
 *
 * @param events in position order
 * @param next   the position to pass to the next {@link EventFeed#read(long, int)}; the one given when nothing
 *               newer is stored
 */
public record EventBatch(List<EventRecord> events, long next) {
    public EventBatch {
        events = List.copyOf(events);
    }
}
