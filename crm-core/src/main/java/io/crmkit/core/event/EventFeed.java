package io.crmkit.core.event;

import java.time.Instant;

/**
 * The event outbox as a host reads it ({@code crm.events()}, {@code crm.as(actor).events()}): every domain event,
 * written in the transaction of the change that raised it, kept until purged.
 *
 * <p>Two ways to consume it:
 * <ul>
 *   <li>{@link #read(long, int)}: one consumer that remembers the last position it handled. Positions are commit
 *       order without gaps, so reading on from the remembered one misses nothing, and a consumer that crashed
 *       before saving its position reads some events again (at least once).</li>
 *   <li>{@link #relay(EventSink, RelaySettings)}: several JVMs on one database hand the events to a sink, each
 *       event until the sink took it, every record's events in order.</li>
 * </ul>
 *
 * <p>Access control: what {@code crm.as(actor).events().read} returns are the events on records the actor may
 * read; for an actor with restricted access, events on records it may not read, or that no longer exist, are skipped
 * (an actor who may read every record of a kind sees every event of it). The relay is a system path: it hands
 * every event on, as the host configured it with the system's {@code crm}. Events carry no field values, only ids
 * and field names.
 */
public interface EventFeed {
    /** The most events one read returns. */
    int MAX_LIMIT = 1_000;

    /**
     * The events after {@code afterPosition} (0 for the first) that the actor may read, oldest first, looking at
     * most {@code limit} (1 to {@value #MAX_LIMIT}) events.
     *
     * @throws io.crmkit.core.ValidationException if the position is negative or the limit out of range
     */
    EventBatch read(long afterPosition, int limit);

    /**
     * A relay of every event to {@code sink}; {@link EventRelay#start()} runs it in the background. System only.
     *
     * @throws io.crmkit.core.AccessDeniedException for an actor that may not read every record
     */
    EventRelay relay(EventSink sink, RelaySettings settings);

    /**
     * Deletes the events delivered by a relay before {@code before}; undelivered ones stay. Returns how many.
     * System only.
     *
     * @throws io.crmkit.core.AccessDeniedException for an actor that may not read every record
     */
    int purgeDelivered(Instant before);

    /** How many events no relay delivered yet. */
    long undelivered();
}
