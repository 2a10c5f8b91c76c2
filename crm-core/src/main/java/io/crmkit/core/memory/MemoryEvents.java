package io.crmkit.core.memory;

import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.event.EventRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The event outbox in the heap: events by position, delivery times, and the partition leases. Write units of work
 * run one at a time here, so the position counter needs no lock of its own; every change pushes its undo.
 */
final class MemoryEvents implements EventOutboxRepository {
    private final NavigableMap<Long, EventRecord> events = new TreeMap<>();
    private final Map<Long, Instant> delivered = new HashMap<>();
    private final Lease[] leases = new Lease[PARTITIONS];
    private final Deque<Runnable> undo;
    private long last;

    private record Lease(String owner, Instant until) {
    }

    MemoryEvents(Deque<Runnable> undo) {
        this.undo = undo;
        clear();
    }

    void clear() {
        events.clear();
        delivered.clear();
        last = 0;
        for (int i = 0; i < PARTITIONS; i++) {
            leases[i] = new Lease("", Instant.EPOCH);
        }
    }

    @Override
    public long reservePositions(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        long first = last + 1;
        long before = last;
        last += count;
        undo.push(() -> last = before);
        return first;
    }

    @Override
    public void insert(List<EventRecord> records) {
        for (EventRecord e : records) {
            if (e.position() > last || events.containsKey(e.position())) {
                throw new IllegalStateException("position " + e.position() + " was not reserved or is taken");
            }
            events.put(e.position(), e);
            undo.push(() -> events.remove(e.position()));
        }
    }

    @Override
    public List<EventRecord> after(long position, int limit) {
        return events.tailMap(position, false).values().stream().limit(limit).toList();
    }

    @Override
    public Optional<Integer> claimPartition(String owner, Instant now, Instant leaseUntil) {
        int best = -1;
        for (int p = 0; p < PARTITIONS; p++) {
            if (!leases[p].until().isAfter(now) && (best < 0 || leases[p].until().isBefore(leases[best].until()))
                    && hasUndelivered(p)) {
                best = p;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        lease(best, new Lease(owner, leaseUntil));
        return Optional.of(best);
    }

    private boolean hasUndelivered(int partition) {
        for (EventRecord e : events.values()) {
            if (!delivered.containsKey(e.position()) && EventOutboxRepository.partitionOf(e.recordId()) == partition) {
                return true;
            }
        }
        return false;
    }

    private void lease(int partition, Lease lease) {
        Lease before = leases[partition];
        leases[partition] = lease;
        undo.push(() -> leases[partition] = before);
    }

    @Override
    public List<EventRecord> undelivered(int partition, int limit) {
        return events.values().stream()
                .filter(e -> !delivered.containsKey(e.position()) && EventOutboxRepository.partitionOf(e.recordId()) == partition)
                .limit(limit).toList();
    }

    @Override
    public int markDelivered(List<Long> positions, Instant at) {
        int n = 0;
        for (Long p : positions) {
            if (events.containsKey(p) && !delivered.containsKey(p)) {
                delivered.put(p, at);
                undo.push(() -> delivered.remove(p));
                n++;
            }
        }
        return n;
    }

    @Override
    public void release(int partition, String owner, Instant until) {
        if (leases[partition].owner().equals(owner)) {
            lease(partition, new Lease(owner, until));
        }
    }

    @Override
    public int purgeDelivered(Instant before) {
        List<Long> old = new ArrayList<>();
        delivered.forEach((p, at) -> {
            if (at.isBefore(before)) {
                old.add(p);
            }
        });
        for (Long p : old) {
            EventRecord e = events.remove(p);
            Instant at = delivered.remove(p);
            undo.push(() -> {
                events.put(p, e);
                delivered.put(p, at);
            });
        }
        return old.size();
    }

    @Override
    public long countUndelivered() {
        return events.size() - (long) delivered.size();
    }
}
