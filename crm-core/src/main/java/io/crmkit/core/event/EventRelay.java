package io.crmkit.core.event;

/**
 * Hands the event outbox to an {@link EventSink}, at least once, every record's events in position order, from as
 * many JVMs as share the database.
 *
 * <p>How order holds with several relays: every record's events fall into one of a fixed number of partitions (by
 * the record id). A relay leases one partition, reads its oldest undelivered events, publishes them, marks them
 * delivered and releases the lease; then it takes the partition whose lease ended longest ago. Only the holder of
 * a lease publishes a partition's events, and it always starts at the oldest undelivered one, so a record's events
 * reach the sink in order. Claiming the oldest undelivered event per record instead would need a per-record lock
 * table or a window query in every claim; leases on a few partitions cost one locked row per batch ({@code FOR
 * UPDATE SKIP LOCKED} as the message outbox claims) and give whole batches.
 *
 * <p>Failures: a sink that throws gets the same events again after {@link RelaySettings#retryDelay()}. A relay that
 * dies (a killed JVM) leaves its lease to run out after {@link RelaySettings#lease()}; another relay then publishes
 * the events that were not marked yet: duplicates, never gaps. A publish that takes longer than the lease may
 * overlap with the next holder's; each publishes in order from the oldest undelivered event, so the first arrival
 * of every event is still in order.
 */
public interface EventRelay extends AutoCloseable {
    /**
     * Leases one partition with undelivered events, publishes a batch of them and marks it delivered. Returns how
     * many events it delivered: 0 if no partition was free or the sink failed (the failure is logged, and
     * {@link #failures()} counts it).
     */
    int relayOnce();

    /** Relays until there is nothing left to relay (or until a round delivers nothing); returns how many. */
    int drain();

    /** Relays in a background thread, polling every {@link RelaySettings#pollInterval()} while idle. */
    void start();

    /** How many publishes failed so far. */
    long failures();

    /** The owner name this relay leases partitions under. */
    String owner();

    /** Stops the background thread, if started, waiting for the batch in flight. Also done by {@code crm.close()}. */
    @Override
    void close();
}
