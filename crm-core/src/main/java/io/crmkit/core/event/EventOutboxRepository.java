package io.crmkit.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The storage port of the event outbox: the events each write unit of work appends before it commits, read back
 * by position, and handed out to relays by partition.
 *
 * <p>Positions are commit order: {@link #reservePositions} takes a lock on the store's position counter that the
 * unit of work holds until it commits, so a transaction that commits later always gets higher positions, and a
 * rolled back one gives its positions back (there are no gaps for a reader to wait on).
 *
 * <p>The relay partitions: every record's events fall into one of {@value #PARTITIONS} partitions by its id
 * ({@link #partitionOf(UUID)}). A relay leases one partition at a time and delivers its events in position order,
 * so two relays never hand out events of one record at once.
 */
public interface EventOutboxRepository {
    /** How many relay partitions there are: fixed, the same in every store. */
    int PARTITIONS = 16;

    /** The partition of a record's events: stable across versions and stores. */
    static int partitionOf(UUID recordId) {
        return Math.floorMod(recordId.hashCode(), PARTITIONS);
    }

    /**
     * Reserves the next {@code count} positions (at least 1) for this unit of work and returns the first. Holds the
     * counter until the unit of work ends; call it last.
     */
    long reservePositions(int count);

    /** Stores events at positions reserved in this unit of work. */
    void insert(List<EventRecord> events);

    /** The events after {@code position}, oldest first, at most {@code limit}. */
    List<EventRecord> after(long position, int limit);

    /**
     * Leases a partition with undelivered events whose lease ran out to {@code owner} until {@code leaseUntil}: the
     * one whose lease ended longest ago, so that partitions take turns. Skips partitions another unit of work is
     * claiming at the same moment (several JVMs on one database). Empty if none is free.
     */
    Optional<Integer> claimPartition(String owner, Instant now, Instant leaseUntil);

    /** The undelivered events of a partition, oldest first, at most {@code limit}. */
    List<EventRecord> undelivered(int partition, int limit);

    /** Marks events delivered at {@code at}; returns how many were undelivered. */
    int markDelivered(List<Long> positions, Instant at);

    /**
     * Ends {@code owner}'s lease of a partition: free again from {@code until} on (now, or later to hold a failing
     * partition back). Does nothing if another owner holds it.
     */
    void release(int partition, String owner, Instant until);

    /** Deletes delivered events delivered before {@code before}; returns how many. Undelivered ones stay. */
    int purgeDelivered(Instant before);

    /** How many events are not delivered yet. */
    long countUndelivered();
}
