package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.DeliveryStatus;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.interaction.RecordLink;
import io.crmkit.core.interaction.TimelineQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.crmkit.core.interaction.InteractionRepository}: exact round trips (delivery
 * status and provider id included), {@code updateDelivery}, and a timeline newest first ({@code occurredAt}
 * descending, then id descending) filtered by channel and period {@code [from, to)}, in keyset pages.
 */
public abstract class InteractionRepositoryContract extends StorageContractSupport {
    /** Timeline order: occurredAt descending, then id descending. */
    protected static final Comparator<Interaction> TIMELINE_ORDER = Comparator
            .comparing(Interaction::occurredAt).reversed()
            .thenComparing((Interaction i) -> i.id().value(), Uuid7.ORDER.reversed());

    private Customer customer;
    private Customer other;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected InteractionRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    @BeforeEach
    void customers() {
        customer = data.person("张三").build();
        other = data.person("Other").build();
        write(r -> {
            r.customers().insert(customer);
            r.customers().insert(other);
        });
    }

    private void insert(List<Interaction> interactions) {
        write(r -> interactions.forEach(r.interactions()::insert));
    }

    private List<UUID> timeline(CustomerId id, TimelineQuery query) {
        Page<Interaction> page = read(r -> r.interactions().timeline(id, query, PageRequest.first(PageRequest.MAX_LIMIT)));
        assertThat(page.hasNext()).isFalse();
        return ids(page.items(), i -> i.id().value());
    }

    private static List<UUID> idsOf(List<Interaction> in) {
        return ids(in, i -> i.id().value());
    }

    private Optional<Interaction> find(io.crmkit.core.interaction.InteractionId id) {
        return read(r -> r.interactions().findById(id));
    }

    @Test
    void insertedInteractionReadsBackWithEveryField() {
        Interaction full = data.interaction(customer.id()).channel(InteractionChannel.VISIT).direction(Direction.OUTBOUND)
                .subject("回访 " + TestStrings.EMOJI + TestStrings.SQL_INJECTION)
                .notes(TestStrings.tenKilobytes())
                .occurredAt(Instant.parse("2024-12-31T23:59:59.999999Z"))
                .duration(Duration.ofMinutes(42).plusSeconds(7))
                .author("李四")
                .outcome("满意 " + TestStrings.LIKE_METACHARACTERS)
                .link(RecordLink.Type.REQUIREMENT, data.uuid())
                .link(RecordLink.Type.TASK, data.uuid())
                .link(RecordLink.Type.MESSAGE, data.uuid())
                .recordedAt(Instant.parse("2025-01-01T00:00:00.000001Z"))
                .build();
        Interaction minimal = data.interaction(customer.id()).channel(InteractionChannel.OTHER).build();
        insert(List.of(full, minimal));

        assertThat(find(full.id())).contains(full);
        assertThat(find(minimal.id())).contains(minimal);
        Interaction back = read(r -> r.interactions().findById(full.id())).orElseThrow();
        assertThat(back.notes()).hasValueSatisfying(n -> assertThat(n).hasSize(10_000).isEqualTo(full.notes().get()));
        assertThat(back.links()).containsExactlyElementsOf(full.links());
    }

    @Test
    void everyChannelAndDirectionReadsBack() {
        List<Interaction> all = new ArrayList<>();
        for (InteractionChannel channel : InteractionChannel.values()) {
            for (Direction direction : Direction.values()) {
                all.add(data.interaction(customer.id()).channel(channel).direction(direction).build());
            }
        }
        insert(all);

        for (Interaction i : all) {
            assertThat(find(i.id())).contains(i);
        }
    }

    @Test
    void findByIdOfUnknownInteractionIsEmpty() {
        insert(List.of(data.interaction(customer.id()).build()));

        assertThat(find(data.interactionId())).isEmpty();
    }

    @Test
    void insertWithExistingIdConflictsAndKeepsTheStoredInteraction() {
        Interaction first = data.interaction(customer.id()).subject("first").build();
        insert(List.of(first));
        Interaction again = data.interaction(customer.id()).id(first.id()).subject("second").build();

        assertThatThrownBy(() -> insert(List.of(again))).isInstanceOf(ConflictException.class);
        assertThat(find(first.id())).contains(first);
    }

    // ---- delivery of messages ---------------------------------------------------------------------------

    @Test
    void deliveryStatusAndProviderIdReadBack() {
        List<Interaction> all = new ArrayList<>();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            all.add(data.interaction(customer.id()).channel(InteractionChannel.SMS).direction(Direction.OUTBOUND)
                    .deliveryStatus(status).build());
        }
        Interaction sent = data.interaction(customer.id()).channel(InteractionChannel.EMAIL).direction(Direction.OUTBOUND)
                .deliveryStatus(DeliveryStatus.SENT).providerMessageId("<1a2b@mail.example.com> " + TestStrings.NASTY)
                .build();
        Interaction plainCall = data.interaction(customer.id()).build();
        all.add(sent);
        all.add(plainCall);
        insert(all);

        for (Interaction i : all) {
            assertThat(find(i.id())).contains(i);
        }
        assertThat(find(plainCall.id()).orElseThrow().deliveryStatus()).isEmpty();
        assertThat(find(plainCall.id()).orElseThrow().providerMessageId()).isEmpty();
        assertThat(find(sent.id()).orElseThrow().providerMessageId()).isEqualTo(sent.providerMessageId());
    }

    @Test
    void updateDeliveryWritesStatusAndProviderIdAndNothingElse() {
        Interaction queued = data.interaction(customer.id()).channel(InteractionChannel.EMAIL).direction(Direction.OUTBOUND)
                .subject("发货通知 " + TestStrings.EMOJI).notes("n").outcome("o").link(RecordLink.Type.MESSAGE, data.uuid())
                .deliveryStatus(DeliveryStatus.QUEUED).build();
        Interaction neighbour = data.interaction(customer.id()).channel(InteractionChannel.EMAIL)
                .direction(Direction.OUTBOUND).deliveryStatus(DeliveryStatus.QUEUED).build();
        insert(List.of(queued, neighbour));

        write(r -> r.interactions().updateDelivery(queued.id(), DeliveryStatus.SENT, Optional.of("SM-1'%_\\")));

        Interaction sent = find(queued.id()).orElseThrow();
        assertThat(sent.deliveryStatus()).contains(DeliveryStatus.SENT);
        assertThat(sent.providerMessageId()).contains("SM-1'%_\\");
        assertThat(sent).isEqualTo(queued.withDelivery(DeliveryStatus.SENT, Optional.of("SM-1'%_\\")));
        assertThat(find(neighbour.id())).contains(neighbour);
        assertThat(read(r -> r.interactions().timeline(customer.id(), TimelineQuery.all(), PageRequest.first(10))).items())
                .as("the timeline shows the new state").contains(sent);
    }

    @Test
    void updateDeliveryWithoutProviderIdKeepsTheKnownOne() {
        Interaction queued = data.interaction(customer.id()).channel(InteractionChannel.SMS).direction(Direction.OUTBOUND)
                .deliveryStatus(DeliveryStatus.QUEUED).build();
        insert(List.of(queued));

        write(r -> r.interactions().updateDelivery(queued.id(), DeliveryStatus.SENT, Optional.of("SM-9")));
        write(r -> r.interactions().updateDelivery(queued.id(), DeliveryStatus.DELIVERED, Optional.empty()));

        Interaction delivered = find(queued.id()).orElseThrow();
        assertThat(delivered.deliveryStatus()).contains(DeliveryStatus.DELIVERED);
        assertThat(delivered.providerMessageId()).as("kept from the earlier update").contains("SM-9");

        write(r -> r.interactions().updateDelivery(queued.id(), DeliveryStatus.FAILED, Optional.of("SM-10")));
        assertThat(find(queued.id()).orElseThrow().providerMessageId()).as("replaced by a new one").contains("SM-10");
    }

    @Test
    void updateDeliveryOfAnInteractionWithoutDeliveryStateGivesItOne() {
        Interaction call = data.interaction(customer.id()).build();
        insert(List.of(call));

        write(r -> r.interactions().updateDelivery(call.id(), DeliveryStatus.REFUSED, Optional.empty()));

        Interaction after = find(call.id()).orElseThrow();
        assertThat(after.deliveryStatus()).contains(DeliveryStatus.REFUSED);
        assertThat(after.providerMessageId()).isEmpty();
        assertThat(after).isEqualTo(call.withDelivery(DeliveryStatus.REFUSED, Optional.empty()));
    }

    @Test
    void updateDeliveryOfUnknownInteractionThrowsNotFoundAndStoresNothing() {
        io.crmkit.core.interaction.InteractionId ghost = data.interactionId();

        assertThatThrownBy(() -> write(r -> r.interactions().updateDelivery(ghost, DeliveryStatus.SENT, Optional.of("SM-x"))))
                .isInstanceOf(NotFoundException.class);
        assertThat(find(ghost)).isEmpty();
        assertThat(timeline(customer.id(), TimelineQuery.all())).isEmpty();
    }

    @Test
    void updateDeliveryInAFailedUnitOfWorkIsUndone() {
        Interaction queued = data.interaction(customer.id()).channel(InteractionChannel.SMS).direction(Direction.OUTBOUND)
                .deliveryStatus(DeliveryStatus.QUEUED).build();
        insert(List.of(queued));
        RuntimeException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> write(r -> {
            r.interactions().updateDelivery(queued.id(), DeliveryStatus.SENT, Optional.of("SM-rb"));
            throw boom;
        })).isSameAs(boom);

        assertThat(find(queued.id())).contains(queued);
    }

    @Test
    void timelineIsNewestFirstAndOnlyTheCustomersOwn() {
        Instant t0 = data.now();
        Interaction old = data.interaction(customer.id()).occurredAt(t0.minus(Duration.ofDays(3))).build();
        Interaction newest = data.interaction(customer.id()).occurredAt(t0.plus(Duration.ofDays(1))).build();
        Interaction middle = data.interaction(customer.id()).occurredAt(t0).build();
        Interaction othersOwn = data.interaction(other.id()).occurredAt(t0).build();
        Interaction microLater = data.interaction(customer.id()).occurredAt(t0.plusNanos(1_000)).build();
        insert(List.of(old, newest, middle, othersOwn, microLater));

        assertThat(timeline(customer.id(), TimelineQuery.all()))
                .containsExactly(newest.id().value(), microLater.id().value(), middle.id().value(), old.id().value());
        assertThat(timeline(other.id(), TimelineQuery.all())).containsExactly(othersOwn.id().value());
        assertThat(timeline(data.customerId(), TimelineQuery.all())).isEmpty();
    }

    @Test
    void timelineBreaksTiesOfOccurredAtByIdDescending() {
        Instant same = data.now();
        List<Interaction> tied = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tied.add(data.interaction(customer.id()).occurredAt(same).build());
        }
        List<Interaction> shuffled = new ArrayList<>(tied);
        Collections.shuffle(shuffled, new Random(3));
        insert(shuffled);

        List<UUID> expected = new ArrayList<>(idsOf(tied));
        Collections.reverse(expected);
        assertThat(timeline(customer.id(), TimelineQuery.all())).containsExactlyElementsOf(expected);
    }

    @Test
    void timelineFiltersByChannels() {
        Interaction call = data.interaction(customer.id()).channel(InteractionChannel.CALL).build();
        Interaction visit = data.interaction(customer.id()).channel(InteractionChannel.VISIT).build();
        Interaction email = data.interaction(customer.id()).channel(InteractionChannel.EMAIL).build();
        Interaction otherCall = data.interaction(other.id()).channel(InteractionChannel.CALL).build();
        insert(List.of(call, visit, email, otherCall));

        assertThat(timeline(customer.id(), TimelineQuery.all().channels(InteractionChannel.CALL)))
                .containsExactly(call.id().value());
        assertThat(timeline(customer.id(), TimelineQuery.all().channels(InteractionChannel.EMAIL, InteractionChannel.CALL)))
                .containsExactly(email.id().value(), call.id().value());
        assertThat(timeline(customer.id(), TimelineQuery.all().channels(InteractionChannel.SMS))).isEmpty();
    }

    @Test
    void timelinePeriodIncludesFromAndExcludesTo() {
        Instant from = Instant.parse("2025-01-10T00:00:00Z");
        Instant to = Instant.parse("2025-01-20T00:00:00Z");
        Interaction before = data.interaction(customer.id()).occurredAt(from.minusNanos(1_000)).build();
        Interaction atFrom = data.interaction(customer.id()).occurredAt(from).build();
        Interaction inside = data.interaction(customer.id()).occurredAt(from.plus(Duration.ofDays(5))).build();
        Interaction justBeforeTo = data.interaction(customer.id()).occurredAt(to.minusNanos(1_000)).build();
        Interaction atTo = data.interaction(customer.id()).occurredAt(to).build();
        Interaction insideSms = data.interaction(customer.id()).channel(InteractionChannel.SMS)
                .occurredAt(from.plus(Duration.ofDays(1))).build();
        insert(List.of(before, atFrom, inside, justBeforeTo, atTo, insideSms));

        assertThat(timeline(customer.id(), TimelineQuery.all().between(from, to))).containsExactly(
                justBeforeTo.id().value(), inside.id().value(), insideSms.id().value(), atFrom.id().value());
        assertThat(timeline(customer.id(), TimelineQuery.all().between(from, to).channels(InteractionChannel.SMS)))
                .containsExactly(insideSms.id().value());
        assertThat(timeline(customer.id(), new TimelineQuery(java.util.Set.of(), java.util.Optional.of(to),
                java.util.Optional.empty()))).containsExactly(atTo.id().value());
        assertThat(timeline(customer.id(), new TimelineQuery(java.util.Set.of(), java.util.Optional.empty(),
                java.util.Optional.of(from)))).containsExactly(before.id().value());
    }

    @Test
    void timelinePagesCoverEveryInteractionOnceIncludingTies() {
        List<Interaction> all = new ArrayList<>();
        Instant base = data.now();
        for (int i = 0; i < 12; i++) {
            // groups of three share an instant, so pages break inside groups of equal occurredAt
            all.add(data.interaction(customer.id()).occurredAt(base.plus(Duration.ofMinutes(i / 3))).build());
        }
        all.add(data.interaction(other.id()).occurredAt(base).build());
        List<Interaction> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(11));
        insert(shuffled);
        List<UUID> expected = idsOf(sorted(all.subList(0, 12), TIMELINE_ORDER));

        for (int limit : PAGE_LIMITS) {
            List<Interaction> paged = readAllPages(limit,
                    (r, p) -> r.interactions().timeline(customer.id(), TimelineQuery.all(), p));
            assertThat(idsOf(paged)).as("limit %d", limit).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void filteredTimelinePagesStayWithinTheFilter() {
        List<Interaction> calls = new ArrayList<>();
        Instant base = data.now();
        for (int i = 0; i < 15; i++) {
            InteractionChannel channel = i % 3 == 0 ? InteractionChannel.EMAIL : InteractionChannel.CALL;
            Interaction in = data.interaction(customer.id()).channel(channel).occurredAt(base.plusSeconds(i % 4)).build();
            insert(List.of(in));
            if (channel == InteractionChannel.CALL) {
                calls.add(in);
            }
        }
        List<UUID> expected = idsOf(sorted(calls, TIMELINE_ORDER));
        TimelineQuery query = TimelineQuery.all().channels(InteractionChannel.CALL);

        for (int limit : PAGE_LIMITS) {
            List<Interaction> paged = readAllPages(limit, (r, p) -> r.interactions().timeline(customer.id(), query, p));
            assertThat(idsOf(paged)).as("limit %d", limit).containsExactlyElementsOf(expected);
        }
    }
}
