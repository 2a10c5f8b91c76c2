package io.crmkit.testkit;

import io.crmkit.core.Crm;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.EventBatch;
import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.event.EventRelay;
import io.crmkit.core.event.RelaySettings;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.CrmStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of the event outbox ({@link EventOutboxRepository}, through {@code crm.events()} where a unit of work
 * writes it): every event of a committed unit of work stored with its id, type, record, version, changed fields and
 * actor; nothing and no position used by one that rolled back; positions dense and in commit order, so a reader that
 * reads on from its last position while writers commit concurrently misses none and sees none twice; partition leases
 * held by one owner at a time; delivery marks, purge and count; and two relays on two storage instances (several JVMs
 * on one database, where the factory can open a second) delivering every event, each record's in order, while the
 * sink fails now and then.
 */
@Timeout(180)
public abstract class EventOutboxContract extends StorageContractSupport {
    private static final long WAIT_SECONDS = 120;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected EventOutboxContract(StorageFactory factory) {
        super(factory);
    }

    private Crm crm(CrmStorage on) {
        return Crm.builder().storage(on).clock(data.clock()).build();
    }

    private List<EventRecord> all() {
        return readList(r -> r.events().after(0, 100_000));
    }

    private Optional<Integer> claim(String owner, Instant now, Instant leaseUntil) {
        return storage.inTransaction(r -> r.events().claimPartition(owner, now, leaseUntil));
    }

    private int mark(List<Long> positions, Instant at) {
        return storage.inTransaction(r -> r.events().markDelivered(positions, at));
    }

    /** A stored-looking event at {@code position} on {@code recordId}. */
    protected static EventRecord event(long position, UUID recordId, Instant at) {
        return new EventRecord(UUID.randomUUID(), position, "customer.updated", RecordKind.CUSTOMER, recordId,
                OptionalLong.of(position), List.of("displayName", "tags"), at, UserRef.of("用户 " + TestStrings.EMOJI),
                AuditSource.API);
    }

    @Test
    void aCommittedChangeWritesItsEventsWithRecordVersionFieldsAndActor() {
        try (Crm crm = crm(storage)) {
            Customer c = crm.as(io.crmkit.core.security.Actor.user("张三")).customers()
                    .create(NewCustomer.person("王五 " + TestStrings.EMOJI).email("wangwu@example.com"));
            Customer updated = crm.customers().update(c.edit().tag("vip"));

            List<EventRecord> events = all();
            assertThat(events).extracting(EventRecord::position).containsExactly(1L, 2L);
            EventRecord created = events.get(0);
            assertThat(created.type()).isEqualTo("customer.created");
            assertThat(created.recordKind()).isEqualTo(RecordKind.CUSTOMER);
            assertThat(created.recordId()).isEqualTo(c.id().value());
            assertThat(created.recordVersion()).isEmpty();
            assertThat(created.actor()).isEqualTo(UserRef.of("张三"));
            assertThat(created.source()).isEqualTo(AuditSource.API);
            assertThat(created.changedFields()).isNotEmpty().doesNotHaveDuplicates();
            assertThat(created.occurredAt()).isEqualTo(c.createdAt());
            EventRecord edit = events.get(1);
            assertThat(edit.type()).isEqualTo("customer.updated");
            assertThat(edit.recordVersion()).hasValue(updated.version());
            assertThat(edit.changedFields()).containsExactly("tags");
            assertThat(edit.actor()).isEqualTo(UserRef.of("system"));
            assertThat(edit.id()).isNotEqualTo(created.id());
            assertThat(crm.events().read(0, 1)).isEqualTo(new EventBatch(List.of(created), 1));
            assertThat(crm.events().read(2, 10)).isEqualTo(new EventBatch(List.of(), 2));
            assertThat(crm.events().undelivered()).isEqualTo(2);
        }
    }

    @Test
    void aRolledBackUnitOfWorkWritesNoEventAndUsesNoPosition() {
        try (Crm crm = crm(storage)) {
            RuntimeException boom = new RuntimeException("boom");
            assertThatThrownBy(() -> crm.inTransaction(c -> {
                c.customers().create(NewCustomer.person("回滚"));
                c.customers().create(NewCustomer.person("回滚 2"));
                throw boom;
            })).isSameAs(boom);
            assertThat(all()).isEmpty();
            crm.customers().create(NewCustomer.person("提交"));
            assertThat(all()).extracting(EventRecord::position).containsExactly(1L);
        }
    }

    @Test
    void positionsAreDenseAndReservedInOrderThroughTheRepository() {
        UUID record = data.uuid();
        write(r -> {
            long first = r.events().reservePositions(3);
            assertThat(first).isEqualTo(1);
            r.events().insert(List.of(event(1, record, data.now()), event(2, record, data.now()), event(3, record, data.now())));
        });
        write(r -> {
            assertThat(r.events().reservePositions(1)).isEqualTo(4);
            r.events().insert(List.of(event(4, record, data.now())));
        });
        assertThat(readList(r -> r.events().after(1, 2))).extracting(EventRecord::position).containsExactly(2L, 3L);
        EventRecord stored = all().get(3);
        assertThat(stored.actor()).isEqualTo(UserRef.of("用户 " + TestStrings.EMOJI));
        assertThat(stored.changedFields()).containsExactly("displayName", "tags");
        assertThat(stored.recordVersion()).hasValue(4);
        assertThat(stored.occurredAt()).isEqualTo(data.now());
    }

    @Test
    void aReaderReadingOnFromItsLastPositionWhileWritersCommitMissesNothingAndSeesNothingTwice() throws Exception {
        int writers = 6;
        int perWriter = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try (Crm crm = crm(storage)) {
            AtomicBoolean done = new AtomicBoolean();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    go.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    for (int i = 0; i < perWriter; i++) {
                        crm.customers().create(NewCustomer.person("写 " + writer + "-" + i + " ' OR 1=1 --"));
                    }
                    return null;
                }));
            }
            Future<List<EventRecord>> reader = pool.submit(() -> {
                List<EventRecord> seen = new ArrayList<>();
                long last = 0;
                go.await(WAIT_SECONDS, TimeUnit.SECONDS);
                while (true) {
                    boolean finished = done.get(); // read before the batch: after the last commit, one more read
                    EventBatch batch = crm.events().read(last, 7);
                    seen.addAll(batch.events());
                    last = batch.next();
                    if (finished && batch.events().isEmpty()) {
                        return seen;
                    }
                }
            });
            go.countDown();
            for (Future<?> f : futures) {
                f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            done.set(true);
            List<EventRecord> seen = reader.get(WAIT_SECONDS, TimeUnit.SECONDS);
            List<Long> expected = new ArrayList<>();
            for (long p = 1; p <= (long) writers * perWriter; p++) {
                expected.add(p);
            }
            assertThat(seen).extracting(EventRecord::position).containsExactlyElementsOf(expected);
            assertThat(seen).extracting(EventRecord::id).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPartitionIsLeasedToOneOwnerUntilReleasedOrItsLeaseRunsOut() {
        Instant now = data.now();
        UUID record = data.uuid();
        int partition = EventOutboxRepository.partitionOf(record);
        assertThat(claim("a", now, now.plusSeconds(30))).as("nothing to relay")
                .isEmpty();
        write(r -> {
            r.events().reservePositions(2);
            r.events().insert(List.of(event(1, record, now), event(2, record, now)));
        });
        assertThat(claim("a", now, now.plusSeconds(30))).hasValue(partition);
        assertThat(claim("b", now.plusSeconds(29), now.plusSeconds(60)))
                .as("leased to a").isEmpty();
        write(r -> r.events().release(partition, "b", now)); // not b's: nothing happens
        assertThat(claim("b", now.plusSeconds(1), now.plusSeconds(60))).isEmpty();
        assertThat(claim("b", now.plusSeconds(30), now.plusSeconds(60)))
                .as("a's lease ran out").hasValue(partition);
        write(r -> r.events().release(partition, "b", now.plusSeconds(31)));
        assertThat(claim("a", now.plusSeconds(31), now.plusSeconds(90)))
                .as("released").hasValue(partition);

        assertThat(readList(r -> r.events().undelivered(partition, 1))).extracting(EventRecord::position).containsExactly(1L);
        assertThat(readList(r -> r.events().undelivered((partition + 1) % EventOutboxRepository.PARTITIONS, 10))).isEmpty();
        assertThat(mark(List.of(1L), now.plusSeconds(40))).isEqualTo(1);
        assertThat(mark(List.of(1L, 2L), now.plusSeconds(50))).isEqualTo(1);
        long left = read(r -> r.events().countUndelivered());
        assertThat(left).isZero();
        write(r -> r.events().release(partition, "a", now.plusSeconds(31)));
        assertThat(claim("a", now.plusSeconds(100), now.plusSeconds(130)))
                .as("all delivered").isEmpty();
    }

    @Test
    void purgeDeletesOnlyEventsDeliveredBeforeTheGivenTime() {
        Instant now = data.now();
        UUID record = data.uuid();
        write(r -> {
            r.events().reservePositions(3);
            r.events().insert(List.of(event(1, record, now), event(2, record, now), event(3, record, now)));
            r.events().markDelivered(List.of(1L), now);
            r.events().markDelivered(List.of(2L), now.plus(Duration.ofDays(10)));
        });
        try (Crm crm = crm(storage)) {
            assertThat(crm.events().purgeDelivered(now.plus(Duration.ofDays(5)))).isEqualTo(1);
            assertThat(all()).extracting(EventRecord::position).containsExactly(2L, 3L);
            assertThat(crm.events().purgeDelivered(now.plus(Duration.ofDays(365)))).isEqualTo(1);
            assertThat(all()).extracting(EventRecord::position).containsExactly(3L);
            assertThat(crm.events().undelivered()).isEqualTo(1);
        }
    }

    @Test
    void twoRelaysOnTwoInstancesDeliverEveryEventWithEachRecordsInOrderDespiteAFailingSink() throws Exception {
        Optional<CrmStorage> second = openSecondStorageOnSameData();
        int records = 24;
        int editsEach = 7;
        List<UUID> received = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Crm a = crm(storage); Crm b = crm(second.orElse(storage))) {
            for (int i = 0; i < records; i++) {
                Crm writer = i % 2 == 0 ? a : b;
                Customer c = writer.customers().create(NewCustomer.person("客户 " + i));
                for (int e = 0; e < editsEach; e++) {
                    c = writer.customers().update(c.edit().tag("t" + e));
                }
            }
            List<EventRecord> written = all();
            assertThat(written).hasSize(records * (editsEach + 1));
            RelaySettings settings = RelaySettings.builder().batchSize(5).retryDelay(Duration.ofMillis(1)).build();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> relays = new ArrayList<>();
            for (Crm on : List.of(a, b)) {
                EventRelay relay = on.events().relay(events -> {
                    if (calls.incrementAndGet() % 7 == 0) {
                        // half of the batch arrives, then the sink fails: the relay sends all of it again
                        events.subList(0, events.size() / 2).forEach(ev -> received.add(ev.id()));
                        throw new IllegalStateException("broker away");
                    }
                    events.forEach(ev -> received.add(ev.id()));
                }, settings);
                relays.add(pool.submit((Callable<Integer>) () -> {
                    go.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    int total = 0;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                    while (on.events().undelivered() > 0 && System.nanoTime() < deadline) {
                        total += relay.relayOnce();
                        data.clock().advance(Duration.ofMillis(2)); // past the retry delay of a failed partition
                    }
                    relay.close();
                    return total;
                }));
            }
            go.countDown();
            int delivered = 0;
            for (Future<Integer> f : relays) {
                delivered += f.get(WAIT_SECONDS + 10, TimeUnit.SECONDS);
            }
            assertThat(a.events().undelivered()).isZero();
            assertThat(delivered).isGreaterThanOrEqualTo(written.size());

            Map<UUID, EventRecord> byId = new LinkedHashMap<>();
            written.forEach(e -> byId.put(e.id(), e));
            Set<UUID> firstSeen = new HashSet<>();
            Map<UUID, Long> lastPositionOfRecord = new LinkedHashMap<>();
            List<UUID> arrivals;
            synchronized (received) {
                arrivals = new ArrayList<>(received);
            }
            for (UUID arrival : arrivals) {
                EventRecord e = byId.get(arrival);
                if (e == null) {
                    throw new AssertionError("the sink got an event the outbox does not hold: " + arrival);
                }
                if (firstSeen.add(e.id())) {
                    Long before = lastPositionOfRecord.put(e.recordId(), e.position());
                    if (before != null) {
                        assertThat(e.position()).as("first arrival of record %s's events in order", e.recordId())
                                .isGreaterThan(before);
                    }
                }
            }
            assertThat(firstSeen).containsExactlyInAnyOrderElementsOf(byId.keySet());
        } finally {
            pool.shutdownNow();
        }
    }
}
