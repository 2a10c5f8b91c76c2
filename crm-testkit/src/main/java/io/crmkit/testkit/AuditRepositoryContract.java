package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.AuditHead;
import io.crmkit.core.audit.AuditRepository;
import io.crmkit.core.audit.AuditRepository.SequenceRange;
import io.crmkit.core.audit.AuditSettings;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.audit.AuditVerification;
import io.crmkit.core.audit.FieldChange;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.CrmStorage;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of {@link io.crmkit.core.audit.AuditRepository}: entries come back exactly as appended (times to the
 * microsecond, any text), heads move with them, the lists page by time, stream and sequence; and on top, through a
 * {@link Crm} on the storage, a chain of 100,000 entries verifies and concurrent writers leave whole chains.
 */
public abstract class AuditRepositoryContract extends StorageContractSupport {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<Integer, AuditHead> heads = new HashMap<>();

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected AuditRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    private static byte[] salt() {
        byte[] salt = new byte[AuditChain.SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** The next entry of {@code stream} after those made so far by this test. */
    private AuditEntry next(int stream, Instant at, String actor, RecordKind kind, UUID record, List<AuditChain.Change> changes) {
        AuditHead head = heads.getOrDefault(stream, AuditHead.empty(stream));
        AuditEntry e = AuditChain.next(head, at, UserRef.of(actor), AuditSource.API, kind, record, AuditAction.UPDATE,
                changes, salt());
        heads.put(stream, head.after(e));
        return e;
    }

    private AuditEntry next(int stream, Instant at, String actor, UUID record) {
        return next(stream, at, actor, RecordKind.CUSTOMER, record, List.of(new AuditChain.Change("displayName",
                Optional.of("old"), Optional.of("new"))));
    }

    /** Appends {@code entries}, moving the heads from where they lie now to where the entries lead. */
    private void append(List<AuditEntry> entries) {
        write(r -> {
            r.audit().createHeads(8);
            move(r.audit(), entries);
        });
    }

    /** Moves each head the entries go to from its place before them to their last, then inserts them. */
    private static void move(AuditRepository audit, List<AuditEntry> entries) {
        Map<Integer, AuditHead[]> fromTo = new TreeMap<>();
        for (AuditEntry e : entries) {
            AuditHead to = new AuditHead(e.stream(), e.sequence(), e.hash());
            fromTo.computeIfAbsent(e.stream(), s -> new AuditHead[] {
                    new AuditHead(s, e.sequence() - 1, e.previousHash()), to})[1] = to;
        }
        fromTo.forEach((stream, move) -> assertThat(audit.advance(move[0], move[1]))
                .as("head of stream %d still where the entries start", stream).isTrue());
        audit.insert(entries);
    }

    private static AuditChain.Change change(String field, @Nullable String before, @Nullable String after) {
        return new AuditChain.Change(field, Optional.ofNullable(before), Optional.ofNullable(after));
    }

    @Test
    void entriesComeBackExactlyAsAppended() {
        UUID record = data.uuid();
        Instant at = Instant.parse("2026-01-02T03:04:05.123456Z");
        AuditEntry nasty = next(3, at, "用户 " + TestStrings.EMOJI, RecordKind.TASK, record, List.of(
                change("title", TestStrings.NASTY, TestStrings.QUOTES_AND_CONTROLS),
                change("attributes.备注", null, TestStrings.text(3000)),
                change("tags", "a\nb", null),
                change("empty", "", "-")));
        AuditEntry noChanges = AuditChain.next(heads.getOrDefault(3, AuditHead.empty(3)), at.plusNanos(1000), UserRef.of("u"), AuditSource.IMPORT,
                RecordKind.CUSTOMER, record, AuditAction.EXPORT, List.of(), salt());
        AuditEntry erased = new AuditEntry(noChanges.stream(), noChanges.sequence() + 1, at, UserRef.of("u"),
                AuditSource.SYSTEM, RecordKind.MESSAGE, record, AuditAction.ERASE,
                nasty.changes().stream().map(FieldChange::withoutValues).toList(), Optional.empty(), noChanges.hash(), "f".repeat(64));
        append(List.of(nasty, noChanges, erased));

        assertThat(readOne(r -> r.audit().find(3, 1))).contains(nasty);
        assertThat(readOne(r -> r.audit().find(3, 2))).contains(noChanges);
        assertThat(readOne(r -> r.audit().find(3, 3))).contains(erased);
        assertThat(readOne(r -> r.audit().find(3, 4))).isEmpty();
        assertThat(readOne(r -> r.audit().find(2, 1))).isEmpty();
        assertThat(readList(r -> r.audit().entries(3, 1, 3))).containsExactly(nasty, noChanges, erased);
        assertThat(readList(r -> r.audit().entries(3, 2, 10))).containsExactly(noChanges, erased);
        assertThat(readList(r -> r.audit().entries(3, 4, 10))).isEmpty();
        assertThat(AuditChain.problem(readOne(r -> r.audit().find(3, 1)).orElseThrow())).isEmpty();
    }

    @Test
    void headsAreMadeOnceAndMoveWithTheEntries() {
        write(r -> r.audit().createHeads(4));
        write(r -> r.audit().createHeads(6));
        assertThat(readList(r -> r.audit().heads())).extracting(AuditHead::stream).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(readList(r -> r.audit().heads())).allSatisfy(h -> assertThat(h).isEqualTo(AuditHead.empty(h.stream())));

        AuditEntry a = next(5, data.now(), "u", data.uuid());
        AuditEntry b = next(1, data.now(), "u", data.uuid());
        AuditEntry c = next(5, data.now(), "u", data.uuid());
        append(List.of(a, b, c));

        assertThat(this.<List<AuditHead>>writeAndGet(r -> r.audit().lockHeads(List.of(5, 9, 1, 0)))).containsExactly(AuditHead.empty(0),
                new AuditHead(1, 1, b.hash()), new AuditHead(5, 2, c.hash()));
        assertThat(readList(r -> r.audit().heads())).hasSize(8);
    }

    @Test
    void aHeadMovesOnlyFromWhereItIs() {
        write(r -> r.audit().createHeads(2));
        AuditEntry a = next(1, data.now(), "u", data.uuid());
        AuditHead empty = AuditHead.empty(1);
        AuditHead afterA = empty.after(a);

        assertThat(this.<Boolean>writeAndGet(r -> r.audit().advance(new AuditHead(1, 1, empty.lastHash()), afterA)))
                .as("wrong sequence").isFalse();
        assertThat(this.<Boolean>writeAndGet(r -> r.audit().advance(new AuditHead(1, 0, a.hash()), afterA)))
                .as("wrong hash").isFalse();
        assertThat(this.<Boolean>writeAndGet(r -> r.audit().advance(new AuditHead(5, 0, empty.lastHash()),
                new AuditHead(5, 1, a.hash())))).as("no such stream").isFalse();
        assertThat(readList(r -> r.audit().heads())).containsExactly(AuditHead.empty(0), empty);

        assertThat(this.<Boolean>writeAndGet(r -> r.audit().advance(empty, afterA))).isTrue();
        assertThat(this.<Boolean>writeAndGet(r -> r.audit().advance(empty, afterA))).as("moved already").isFalse();
        assertThat(readList(r -> r.audit().heads())).containsExactly(AuditHead.empty(0), afterA);
    }

    @Test
    void anEntryAppendedTwiceConflictsAndLeavesNothing() {
        AuditEntry a = next(0, data.now(), "u", data.uuid());
        append(List.of(a));
        AuditEntry b = next(0, data.now(), "u", data.uuid());

        assertThatThrownBy(() -> append(List.of(b, a))).isInstanceOf(ConflictException.class);

        assertThat(readOne(r -> r.audit().find(0, 2))).isEmpty();
        assertThat(readList(r -> r.audit().heads())).filteredOn(h -> h.stream() == 0)
                .containsExactly(new AuditHead(0, 1, a.hash()));
    }

    @Test
    void sequenceRangesCoverThePeriodPerStream() {
        Instant t = Instant.parse("2026-05-01T00:00:00Z");
        append(List.of(next(0, t.minusNanos(1000), "u", data.uuid()), next(0, t, "u", data.uuid()),
                next(0, t.plusSeconds(5), "u", data.uuid()), next(1, t.plusSeconds(9).minusNanos(1000), "u", data.uuid()),
                next(1, t.plusSeconds(9), "u", data.uuid()), next(2, t.minusSeconds(1), "u", data.uuid())));

        assertThat(this.<Map<Integer, SequenceRange>>read(r -> r.audit().sequenceRanges(t, t.plusSeconds(9))))
                .containsExactlyInAnyOrderEntriesOf(Map.of(0, new SequenceRange(2, 3), 1, new SequenceRange(1, 1)));
        assertThat(this.<Map<Integer, SequenceRange>>read(r -> r.audit().sequenceRanges(t.plusSeconds(100), t.plusSeconds(200)))).isEmpty();
    }

    @Test
    void historyAndActorListsPageOldestFirst() {
        UUID record = data.uuid();
        Instant t = Instant.parse("2026-06-01T00:00:00Z");
        List<AuditEntry> all = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Instant at = t.plusSeconds(i / 3); // three entries share each time, in different streams
            all.add(next(i % 3, at, i % 2 == 0 ? "even" : "odd", RecordKind.CUSTOMER, record, List.of()));
            all.add(next(i % 4, at, "even", RecordKind.TASK, data.uuid(), List.of()));
        }
        append(all);
        Comparator<AuditEntry> order = Comparator.comparing(AuditEntry::at).thenComparingInt(AuditEntry::stream)
                .thenComparingLong(AuditEntry::sequence);
        List<AuditEntry> mine = sorted(all.stream().filter(e -> e.recordId().equals(record)).toList(), order);
        Instant from = t.plusSeconds(1);
        Instant to = t.plusSeconds(4);
        List<AuditEntry> evenInPeriod = sorted(all.stream().filter(e -> e.actor().id().equals("even")
                && !e.at().isBefore(from) && e.at().isBefore(to)).toList(), order);

        for (int limit : PAGE_LIMITS) {
            assertThat(readAllPages(limit, (r, p) -> r.audit().byRecord(RecordKind.CUSTOMER, record, p)))
                    .as("history, limit %d", limit).containsExactlyElementsOf(mine);
            assertThat(readAllPages(limit, (r, p) -> r.audit().byActor(UserRef.of("even"), from, to, p)))
                    .as("by actor, limit %d", limit).containsExactlyElementsOf(evenInPeriod);
        }
        assertThat(readList(r -> r.audit().byRecord(RecordKind.TASK, record, PageRequest.first(10)).items())).isEmpty();
        assertThat(readList(r -> r.audit().byActor(UserRef.of("nobody"), from, to, PageRequest.first(10)).items())).isEmpty();
        assertThatThrownBy(() -> read(r -> r.audit().byRecord(RecordKind.CUSTOMER, record,
                PageRequest.after(new io.crmkit.core.spi.Cursor.IdKey(record).encode(), 10))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aChainOfOneHundredThousandEntriesVerifies() {
        try (Crm crm = Crm.builder().storage(storage).build()) {
            int streams = AuditSettings.DEFAULT_STREAMS;
            Instant start = Instant.parse("2026-07-01T00:00:00Z");
            for (int batch = 0; batch < 20; batch++) {
                List<AuditEntry> entries = new ArrayList<>(5000);
                for (int i = 0; i < 5000; i++) {
                    int n = batch * 5000 + i;
                    UUID record = new UUID(0x0190_0000_0000_7000L, n);
                    entries.add(next(AuditChain.stream(record, streams), start.plusMillis(n), "user-" + n % 50,
                            RecordKind.CUSTOMER, record, List.of(change("displayName", "客户 " + n, "客户 " + (n + 1)),
                                    change("tags", null, "vip\n" + TestStrings.EMOJI))));
                }
                write(r -> move(r.audit(), entries));
            }

            AuditVerification all = crm.audit().verify();
            assertThat(all.broken()).isEmpty();
            assertThat(all.entriesChecked()).isEqualTo(100_000);
            AuditVerification hour = crm.audit().verify(start.plus(Duration.ofSeconds(10)), start.plus(Duration.ofSeconds(20)));
            assertThat(hour.ok()).isTrue();
            assertThat(hour.entriesChecked()).isEqualTo(10_000);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void concurrentWritersToDifferentAndTheSameCustomersLeaveWholeChains() throws Exception {
        AuditSettings settings = AuditSettings.builder().streams(4).build();
        Optional<CrmStorage> second = openSecondStorageOnSameData();
        try (Crm crm = Crm.builder().storage(storage).audit(settings).build();
             Crm other = Crm.builder().storage(second.orElse(storage)).audit(settings).build()) {
            List<Customer> shared = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                shared.add(crm.customers().create(NewCustomer.person("共享 " + i)));
            }
            AtomicInteger committed = new AtomicInteger(shared.size());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            try {
                for (int w = 0; w < 8; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        go.await();
                        // where the adapter has a second storage on the same data, half the writers append through
                        // a trail of their own that does not know the heads the other one moves (another JVM)
                        var as = (writer % 2 == 0 ? crm : other).as(Actor.user("writer-" + writer));
                        Customer own = as.customers().create(NewCustomer.person("own " + writer));
                        committed.incrementAndGet();
                        for (int i = 0; i < 5; i++) {
                            own = as.customers().update(own.edit().displayName("own " + writer + " v" + i));
                            committed.incrementAndGet();
                            Customer target = shared.get((writer + i) % shared.size());
                            for (int attempt = 0; attempt < 100; attempt++) {
                                Customer fresh = as.customers().require(target.id());
                                try {
                                    as.customers().update(fresh.edit().tag("w" + writer + "-" + i));
                                    committed.incrementAndGet();
                                    break;
                                } catch (ConflictException lost) {
                                    // another writer changed it first: reload and try again
                                }
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(4, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }

            AuditVerification v = crm.audit().verify();
            assertThat(v.broken()).isEmpty();
            assertThat(v.entriesChecked()).isEqualTo(committed.get());
            assertThat(crm.audit().heads().stream().mapToLong(AuditHead::lastSequence).sum()).isEqualTo(committed.get());
            for (Customer c : shared) {
                long version = crm.customers().require(c.id()).version();
                assertThat(crm.audit().history(RecordKind.CUSTOMER, c.id().value(), PageRequest.first(1000)).items())
                        .as("one entry per stored version").hasSize((int) version);
            }
        }
    }
}
