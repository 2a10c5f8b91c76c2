package io.crmkit.testkit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.webhook.WebhookAttempt;
import io.crmkit.core.webhook.WebhookDelivery;
import io.crmkit.core.webhook.WebhookDeliveryStatus;
import io.crmkit.core.webhook.WebhookEndpoint;
import io.crmkit.core.webhook.WebhookEndpointId;
import io.crmkit.core.webhook.WebhookEndpointStatus;
import io.crmkit.core.webhook.WebhookRepository;
import io.crmkit.core.webhook.WebhookSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link WebhookRepository}: endpoints stored with every field (Unicode, SQL metacharacters, both
 * secrets) and updated under their version; the enabled ones listed; deliveries with their thin event, claimed when
 * due (earliest first, once per lease, disjoint between two claimers, across two storage instances where the
 * factory opens a second); the fan-out check that ignores replays; deliveries and attempts paged by endpoint and by
 * event; a period's deliveries by the event's time, replays left out.
 */
@Timeout(120)
public abstract class WebhookRepositoryContract extends StorageContractSupport {
    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected WebhookRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    /** An enabled endpoint with Unicode and SQL metacharacters in its description and URL. */
    protected static WebhookEndpoint endpoint(UUID id, Instant now) {
        return new WebhookEndpoint(new WebhookEndpointId(id), "https://erp.example.com/hook?q=%27;--&n=" + id,
                Optional.of(TestStrings.NASTY), Set.of("customer.*", "service_case.transitioned"),
                WebhookSecret.generate(), Optional.empty(), Optional.empty(), WebhookEndpointStatus.ENABLED,
                Optional.empty(), Optional.empty(), now, now, 1);
    }

    /** A thin event on a customer, with Unicode changed field names. */
    protected static EventRecord event(UUID id, long position, Instant at) {
        return new EventRecord(id, position, "customer.updated", RecordKind.CUSTOMER, UUID.randomUUID(),
                OptionalLong.of(position), List.of("displayName", "标签 " + TestStrings.EMOJI), at,
                UserRef.of("用户 " + TestStrings.EMOJI), AuditSource.API);
    }

    private WebhookRepository repo(io.crmkit.core.spi.Repositories r) {
        return r.webhooks();
    }

    private WebhookEndpoint stored(WebhookEndpoint e) {
        write(r -> repo(r).insertEndpoint(e));
        return e;
    }

    private WebhookDelivery delivery(WebhookEndpoint e, EventRecord event, boolean replay, Instant due) {
        return WebhookDelivery.pending(data.uuid(), e.id(), event, replay, due);
    }

    @Test
    void anEndpointComesBackWithEveryField() {
        WebhookEndpoint e = endpoint(data.uuid(), data.now());
        stored(e);

        assertThat(readOne(r -> repo(r).findEndpoint(e.id()))).get().usingRecursiveComparison().isEqualTo(e);
        assertThat(readOne(r -> repo(r).findEndpoint(new WebhookEndpointId(data.uuid())))).isEmpty();
    }

    @Test
    void anUpdateStoresTheNextVersionAndRefusesAStaleOne() {
        WebhookEndpoint e = stored(endpoint(data.uuid(), data.now()));
        Instant later = data.clock().advance(Duration.ofMinutes(1));
        WebhookEndpoint rotated = new WebhookEndpoint(e.id(), "https://erp.example.com/新", Optional.empty(), Set.of(),
                WebhookSecret.generate(), Optional.of(e.secret()), Optional.of(later.plus(Duration.ofDays(1))),
                WebhookEndpointStatus.DISABLED, Optional.of("gone " + TestStrings.EMOJI), Optional.of(later), e.createdAt(),
                later, 2);
        write(r -> repo(r).updateEndpoint(rotated));

        WebhookEndpoint back = readOne(r -> repo(r).findEndpoint(e.id())).orElseThrow();
        assertThat(back).usingRecursiveComparison().isEqualTo(rotated);
        assertThat(back.previousSecret()).contains(e.secret());
        assertThat(back.eventTypes()).isEmpty();
        assertThatThrownBy(() -> write(r -> repo(r).updateEndpoint(e.withUrl("https://stale.example.com", later))))
                .isInstanceOf(ConflictException.class);
        WebhookEndpoint missing = endpoint(data.uuid(), later).withUrl("https://x.example.com", later);
        assertThatThrownBy(() -> write(r -> repo(r).updateEndpoint(missing))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void endpointsPageInIdOrderAndOnlyEnabledOnesFanOut() {
        List<WebhookEndpoint> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            WebhookEndpoint e = endpoint(data.uuid(), data.now());
            all.add(i % 3 == 0 ? e.disabled("off", data.now()) : e);
        }
        write(r -> all.forEach(repo(r)::insertEndpoint));
        List<UUID> expected = ids(sorted(all, byId(e -> e.id().value())), e -> e.id().value());
        for (int limit : PAGE_LIMITS) {
            assertThat(ids(readAllPages(limit, (r, p) -> repo(r).endpoints(p)), e -> e.id().value()))
                    .as("limit %d", limit).isEqualTo(expected);
        }
        assertThat(readList(r -> repo(r).enabledEndpoints())).extracting(e -> e.id().value())
                .containsExactlyInAnyOrderElementsOf(all.stream().filter(WebhookEndpoint::isEnabled)
                        .map(e -> e.id().value()).toList());
    }

    @Test
    void aDeliveryComesBackWithItsEventAndItsUpdates() {
        WebhookEndpoint e = stored(endpoint(data.uuid(), data.now()));
        EventRecord noVersion = new EventRecord(data.uuid(), 7, "customer.archived", RecordKind.CUSTOMER, data.uuid(),
                OptionalLong.empty(), List.of(), data.now(), UserRef.of("u1"), AuditSource.IMPORT);
        WebhookDelivery d = delivery(e, noVersion, true, data.now());
        write(r -> repo(r).insertDeliveries(List.of(d)));
        assertThat(readOne(r -> repo(r).findDelivery(d.id()))).contains(d);

        Instant later = data.clock().advance(Duration.ofSeconds(3));
        WebhookDelivery retried = d.attempted(WebhookDeliveryStatus.PENDING,
                OptionalInt.of(503), Optional.of("HTTP 503 " + TestStrings.SQL_INJECTION), later.plusSeconds(5), later);
        write(r -> repo(r).updateDelivery(retried));
        assertThat(readOne(r -> repo(r).findDelivery(d.id()))).contains(retried);
        assertThatThrownBy(() -> write(r -> repo(r).updateDelivery(d.leased(later, later))))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void claimsTakeDuePendingDeliveriesEarliestFirstOncePerLease() {
        WebhookEndpoint e = stored(endpoint(data.uuid(), data.now()));
        Instant now = data.now();
        WebhookDelivery late = delivery(e, event(data.uuid(), 1, now), false, now.minusSeconds(10));
        WebhookDelivery early = delivery(e, event(data.uuid(), 2, now), false, now.minusSeconds(20));
        WebhookDelivery future = delivery(e, event(data.uuid(), 3, now), false, now.plusSeconds(30));
        WebhookDelivery done = delivery(e, event(data.uuid(), 4, now), false, now.minusSeconds(30));
        write(r -> repo(r).insertDeliveries(List.of(late, early, future, done)));
        write(r -> repo(r).updateDelivery(done.attempted(WebhookDeliveryStatus.SUCCEEDED, OptionalInt.of(200),
                Optional.empty(), done.nextAttemptAt(), now)));

        List<WebhookDelivery> first = writeAndGet(r -> repo(r).claimDue(now, 1, now.plusSeconds(60)));
        assertThat(first).extracting(WebhookDelivery::id).containsExactly(early.id());
        assertThat(first.get(0).leaseUntil()).contains(now.plusSeconds(60));
        List<WebhookDelivery> rest = writeAndGet(r -> repo(r).claimDue(now, 10, now.plusSeconds(60)));
        assertThat(rest).extracting(WebhookDelivery::id).containsExactly(late.id());
        List<WebhookDelivery> leased = writeAndGet(r -> repo(r).claimDue(now.plusSeconds(59), 10, now.plusSeconds(120)));
        assertThat(leased).as("the others are leased until +60 s").extracting(WebhookDelivery::id)
                .containsExactly(future.id());
        List<WebhookDelivery> again = writeAndGet(r -> repo(r).claimDue(now.plusSeconds(60), 10, now.plusSeconds(120)));
        assertThat(again).extracting(WebhookDelivery::id).containsExactly(early.id(), late.id());
    }

    @Test
    void twoClaimersNeverHoldTheSameDelivery() throws Exception {
        WebhookEndpoint e = stored(endpoint(data.uuid(), data.now()));
        Instant now = data.now();
        List<WebhookDelivery> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            all.add(delivery(e, event(data.uuid(), i + 1, now), false, now.minusMillis(i)));
        }
        write(r -> repo(r).insertDeliveries(all));
        Optional<CrmStorage> second = openSecondStorageOnSameData();
        CrmStorage other = second.orElse(storage);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<UUID>>> claims = new ArrayList<>();
            for (CrmStorage on : List.of(storage, other)) {
                Callable<List<UUID>> claimer = () -> {
                    List<UUID> mine = new ArrayList<>();
                    for (int round = 0; round < 40; round++) {
                        on.inTransaction(r -> repo(r).claimDue(now, 3, now.plusSeconds(600)))
                                .forEach(d -> mine.add(d.id()));
                    }
                    return mine;
                };
                claims.add(pool.submit(claimer));
            }
            List<UUID> a = claims.get(0).get(60, TimeUnit.SECONDS);
            List<UUID> b = claims.get(1).get(60, TimeUnit.SECONDS);
            Set<UUID> both = new HashSet<>(a);
            both.retainAll(b);
            assertThat(both).as("claimed by both").isEmpty();
            Set<UUID> union = new HashSet<>(a);
            union.addAll(b);
            assertThat(union).hasSize(a.size() + b.size()).containsExactlyInAnyOrderElementsOf(
                    all.stream().map(WebhookDelivery::id).toList());
        } finally {
            pool.shutdownNow();
            if (second.isPresent()) {
                second.get().close();
            }
        }
    }

    @Test
    void theFanOutCheckAndThePeriodLeaveReplaysOut() {
        WebhookEndpoint e = stored(endpoint(data.uuid(), data.now()));
        WebhookEndpoint other = stored(endpoint(data.uuid(), data.now()));
        Instant t0 = data.now();
        EventRecord before = event(data.uuid(), 1, t0.minusSeconds(1));
        EventRecord atStart = event(data.uuid(), 2, t0);
        EventRecord inside = event(data.uuid(), 3, t0.plusSeconds(30));
        EventRecord atEnd = event(data.uuid(), 4, t0.plusSeconds(60));
        EventRecord replayedOnly = event(data.uuid(), 5, t0.plusSeconds(10));
        WebhookDelivery dAtStart = delivery(e, atStart, false, t0);
        WebhookDelivery dInside = delivery(e, inside, false, t0);
        write(r -> repo(r).insertDeliveries(List.of(delivery(e, before, false, t0), dAtStart, dInside,
                delivery(e, atEnd, false, t0), delivery(e, replayedOnly, true, t0), delivery(e, inside, true, t0),
                delivery(other, inside, false, t0))));

        Set<UUID> fanned = read(r -> repo(r).fannedOut(List.of(before.id(), inside.id(), replayedOnly.id(), data.uuid())));
        assertThat(fanned).containsExactlyInAnyOrder(before.id(), inside.id());
        Set<UUID> none = read(r -> repo(r).fannedOut(List.of()));
        assertThat(none).isEmpty();
        for (int limit : PAGE_LIMITS) {
            assertThat(ids(readAllPages(limit, (r, p) -> repo(r).fannedOutBetween(e.id(), t0, t0.plusSeconds(60), p)),
                    WebhookDelivery::id)).as("limit %d", limit)
                    .isEqualTo(ids(sorted(List.of(dAtStart, dInside), byId(WebhookDelivery::id)), WebhookDelivery::id));
        }
    }

    @Test
    void deliveriesAndAttemptsPageByEndpointAndByEvent() {
        WebhookEndpoint e = stored(endpoint(data.uuid(), data.now()));
        WebhookEndpoint other = stored(endpoint(data.uuid(), data.now()));
        EventRecord shared = event(data.uuid(), 1, data.now());
        List<WebhookDelivery> ofE = new ArrayList<>();
        List<WebhookDelivery> ofShared = new ArrayList<>();
        List<WebhookDelivery> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            WebhookEndpoint to = i % 2 == 0 ? e : other;
            EventRecord ev = i % 3 == 0 ? shared : event(data.uuid(), i + 2, data.now());
            WebhookDelivery d = delivery(to, ev, i % 3 == 0 && i > 0, data.now());
            all.add(d);
            if (to == e) {
                ofE.add(d);
            }
            if (ev == shared) {
                ofShared.add(d);
            }
        }
        write(r -> repo(r).insertDeliveries(all));
        List<WebhookAttempt> attempts = new ArrayList<>();
        for (WebhookDelivery d : all) {
            for (int n = 1; n <= 2; n++) {
                attempts.add(new WebhookAttempt(data.uuid(), d.id(), d.endpointId(), d.event().id(), n,
                        data.clock().advance(Duration.ofMillis(5)), n == 1 ? OptionalInt.empty() : OptionalInt.of(200),
                        Duration.ofMillis(10L * n), n == 1 ? Optional.of("timed out " + TestStrings.CHINESE)
                        : Optional.empty(), n == 1 ? WebhookDeliveryStatus.PENDING : WebhookDeliveryStatus.SUCCEEDED));
            }
        }
        write(r -> attempts.forEach(repo(r)::insertAttempt));

        for (int limit : PAGE_LIMITS) {
            List<WebhookDelivery> byEndpoint = readAllPages(limit, (r, p) -> repo(r).deliveries(e.id(), p));
            assertThat(byEndpoint).as("limit %d", limit).isEqualTo(sorted(ofE, byId(WebhookDelivery::id)));
            List<WebhookDelivery> byEvent = readAllPages(limit, (r, p) -> repo(r).deliveriesOfEvent(shared.id(), p));
            assertThat(byEvent).as("limit %d", limit).isEqualTo(sorted(ofShared, byId(WebhookDelivery::id)));
            assertThat(readAllPages(limit, (r, p) -> repo(r).attempts(e.id(), p))).as("limit %d", limit)
                    .isEqualTo(sorted(attempts.stream().filter(a -> a.endpointId().equals(e.id())).toList(),
                            byId(WebhookAttempt::id)));
            assertThat(readAllPages(limit, (r, p) -> repo(r).attemptsOfEvent(shared.id(), p))).as("limit %d", limit)
                    .isEqualTo(sorted(attempts.stream().filter(a -> a.eventId().equals(shared.id())).toList(),
                            byId(WebhookAttempt::id)));
        }
    }
}
