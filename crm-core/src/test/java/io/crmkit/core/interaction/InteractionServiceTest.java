package io.crmkit.core.interaction;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InteractionServiceTest {
    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Crm crm = TestCrm.create(clock);
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));
    private final Instant t0 = clock.instant();

    @AfterEach
    void close() {
        crm.close();
    }

    private List<Interaction> timeline(CustomerId id, TimelineQuery query) {
        return Pages.all(p -> crm.interactions().timeline(id, query, p), 3);
    }

    @Test
    void logsEveryFieldWithTheActingUserAsAuthor() {
        UUID needId = UUID.randomUUID();
        UUID taskId = UUID.randomUUID();
        Instant occurred = t0.minus(Duration.ofHours(3));

        Interaction logged = crm.as(Actor.user("li.si")).interactions().log(customer.id(),
                Interaction.call(Direction.OUTBOUND)
                        .subject("  回访 ")
                        .notes("客户反馈:\n1. 发票抬头有误\n2. 需要加急 🚚")
                        .occurredAt(occurred)
                        .duration(Duration.ofMinutes(12))
                        .outcome("已约下次拜访")
                        .link(RecordLink.Type.REQUIREMENT, needId)
                        .link(RecordLink.Type.TASK, taskId));

        assertThat(logged.customerId()).isEqualTo(customer.id());
        assertThat(logged.channel()).isEqualTo(InteractionChannel.CALL);
        assertThat(logged.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(logged.subject()).contains("回访");
        assertThat(logged.notes()).contains("客户反馈:\n1. 发票抬头有误\n2. 需要加急 🚚");
        assertThat(logged.occurredAt()).isEqualTo(occurred);
        assertThat(logged.duration()).contains(Duration.ofMinutes(12));
        assertThat(logged.author()).isEqualTo(UserRef.of("li.si"));
        assertThat(logged.outcome()).contains("已约下次拜访");
        assertThat(logged.links()).containsExactly(new RecordLink(RecordLink.Type.REQUIREMENT, needId),
                new RecordLink(RecordLink.Type.TASK, taskId));
        assertThat(logged.recordedAt()).isEqualTo(t0);
        assertThat(crm.interactions().get(logged.id())).contains(logged);
    }

    @Test
    void occurredAtDefaultsToNowAndAuthorToTheDefaultActor() {
        Interaction logged = crm.interactions().log(customer.id(), Interaction.meeting());
        assertThat(logged.occurredAt()).isEqualTo(t0);
        assertThat(logged.author()).isEqualTo(Actor.SYSTEM.user());
        assertThat(logged.subject()).isEmpty();
        assertThat(logged.notes()).isEmpty();
        assertThat(logged.duration()).isEmpty();
        assertThat(logged.links()).isEmpty();
    }

    @Test
    void everyChannelCanBeLogged() {
        for (InteractionChannel channel : InteractionChannel.values()) {
            Interaction i = crm.interactions().log(customer.id(), Interaction.of(channel, Direction.INBOUND));
            assertThat(crm.interactions().get(i.id()).orElseThrow().channel()).isEqualTo(channel);
        }
        assertThat(timeline(customer.id(), TimelineQuery.all())).hasSize(InteractionChannel.values().length);
    }

    @Test
    void anUnknownCustomerIsNotFoundAndNothingIsLogged() {
        CustomerId unknown = CustomerId.parse("01900000-0000-7000-8000-000000000009");
        assertThatThrownBy(() -> crm.interactions().log(unknown, Interaction.visit(Direction.OUTBOUND)))
                .isInstanceOf(NotFoundException.class);
        assertThat(timeline(unknown, TimelineQuery.all())).isEmpty();
    }

    @Test
    void subjectAndOutcomeAreLimitedTo200Characters() {
        crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND).subject("题".repeat(200)));
        assertThat(violationsOf(() -> crm.interactions().log(customer.id(),
                Interaction.call(Direction.INBOUND).subject("题".repeat(201)).outcome("o".repeat(201)))))
                .containsExactlyInAnyOrder("subject:too_long", "outcome:too_long");
        assertThat(timeline(customer.id(), TimelineQuery.all())).hasSize(1);
    }

    @Test
    void notesUpTo100kCharacters() {
        String notes = "记".repeat(99_999) + "😀"; // 100,000 characters, 100,001 UTF-16 units
        Interaction logged = crm.interactions().log(customer.id(), Interaction.email(Direction.INBOUND).notes(notes));
        assertThat(crm.interactions().get(logged.id()).orElseThrow().notes()).contains(notes);

        assertThat(violationsOf(() -> crm.interactions().log(customer.id(),
                Interaction.email(Direction.INBOUND).notes(notes + "x"))))
                .containsExactly("notes:too_long");
        assertThat(timeline(customer.id(), TimelineQuery.all())).hasSize(1);
    }

    @Test
    void controlCharactersInTheSubjectAndABadDurationAreRejected() {
        assertThat(violationsOf(() -> crm.interactions().log(customer.id(),
                Interaction.chat(Direction.INBOUND).subject("a\u0000b").duration(Duration.ofSeconds(-1)))))
                .containsExactlyInAnyOrder("subject:control_character", "duration:range");
        assertThat(violationsOf(() -> crm.interactions().log(customer.id(),
                Interaction.chat(Direction.INBOUND).duration(Duration.ofDays(8)))))
                .containsExactly("duration:range");
        assertThat(timeline(customer.id(), TimelineQuery.all())).isEmpty();
    }

    @Test
    void theTimelineIsNewestFirstAndPaged() {
        List<Interaction> logged = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            logged.add(crm.interactions().log(customer.id(),
                    Interaction.call(Direction.OUTBOUND).subject("#" + i).occurredAt(t0.plus(Duration.ofHours(i)))));
        }
        // two at the same instant: the later-logged one counts as newer
        Interaction sameTimeA = crm.interactions().log(customer.id(), Interaction.sms(Direction.OUTBOUND).occurredAt(t0.plus(Duration.ofHours(4))));
        Interaction sameTimeB = crm.interactions().log(customer.id(), Interaction.sms(Direction.OUTBOUND).occurredAt(t0.plus(Duration.ofHours(4))));
        Customer other = crm.customers().create(NewCustomer.person("李四"));
        crm.interactions().log(other.id(), Interaction.call(Direction.OUTBOUND));

        List<Interaction> all = timeline(customer.id(), TimelineQuery.all());

        assertThat(all).hasSize(12).doesNotHaveDuplicates();
        assertThat(all).extracting(Interaction::occurredAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(all.get(0)).isEqualTo(logged.get(9));
        assertThat(all.get(all.size() - 1)).isEqualTo(logged.get(0));
        assertThat(all.subList(5, 8)).containsExactly(sameTimeB, sameTimeA, logged.get(4));

        var first = crm.interactions().timeline(customer.id(), TimelineQuery.all(), PageRequest.first(5));
        assertThat(first.items()).containsExactlyElementsOf(all.subList(0, 5));
        assertThat(first.hasNext()).isTrue();
    }

    @Test
    void theTimelineFiltersByChannel() {
        Interaction call = crm.interactions().log(customer.id(), Interaction.call(Direction.OUTBOUND));
        Interaction visit = crm.interactions().log(customer.id(), Interaction.visit(Direction.OUTBOUND).occurredAt(t0.plusSeconds(1)));
        crm.interactions().log(customer.id(), Interaction.email(Direction.INBOUND).occurredAt(t0.plusSeconds(2)));

        assertThat(timeline(customer.id(), TimelineQuery.all().channels(InteractionChannel.CALL))).containsExactly(call);
        assertThat(timeline(customer.id(), TimelineQuery.all().channels(InteractionChannel.CALL, InteractionChannel.VISIT)))
                .containsExactly(visit, call);
        assertThat(timeline(customer.id(), TimelineQuery.all().channels(InteractionChannel.CHAT))).isEmpty();
    }

    @Test
    void theTimelineFiltersByAHalfOpenPeriod() {
        Instant from = t0.minus(Duration.ofDays(10));
        Instant to = t0.minus(Duration.ofDays(5));
        Interaction atFrom = crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND).occurredAt(from));
        Interaction inside = crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND).occurredAt(to.minusMillis(1)));
        crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND).occurredAt(to));
        crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND).occurredAt(from.minusMillis(1)));

        assertThat(timeline(customer.id(), TimelineQuery.all().between(from, to))).containsExactly(inside, atFrom);
        assertThat(timeline(customer.id(), TimelineQuery.all().between(from, to).channels(InteractionChannel.VISIT))).isEmpty();
    }
}
