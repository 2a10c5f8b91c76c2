package io.crmkit.core.event;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.sales.NewOpportunity;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The event feed through {@code Crm}: what an actor may see, validation, event types, the background relay. */
class EventFeedTest {
    private static final Actor OLGA = new Actor(UserRef.of("olga"), Set.of("rep"), Set.of());
    private static final Actor DAN = new Actor(UserRef.of("dan"), Set.of("rep"), Set.of());
    private static final AccessPolicy POLICY = AccessPolicy.builder()
            .grantAll("rep", AccessLevel.ALL, RecordKind.CUSTOMER)
            .grant("rep", AccessLevel.OWN, RecordKind.OPPORTUNITY, Action.READ, Action.CREATE, Action.EDIT)
            .build();

    private final Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START)).access(POLICY).build();

    @AfterEach
    void close() {
        crm.close();
    }

    private Opportunity opportunity(Actor actor, Customer customer, String name) {
        return crm.as(actor).opportunities().create(NewOpportunity.of(customer.id(), name, new BigDecimal("100"), "CNY",
                LocalDate.of(2025, 6, 30)).owner(actor.user()));
    }

    @Test
    void anActorReadsOnlyTheEventsOfRecordsItMayReadAndMovesPastTheOthers() {
        Customer customer = crm.customers().create(NewCustomer.organization("华为"));
        Opportunity olgas = opportunity(OLGA, customer, "olga's");
        Opportunity dans = opportunity(DAN, customer, "dan's");

        EventBatch all = crm.events().read(0, 100);
        assertThat(all.events()).extracting(EventRecord::recordId)
                .containsExactly(customer.id().value(), olgas.id().value(), dans.id().value());
        assertThat(all.events()).extracting(EventRecord::type)
                .containsExactly("customer.created", "opportunity.created", "opportunity.created");

        EventBatch olgasView = crm.as(OLGA).events().read(0, 100);
        assertThat(olgasView.events()).extracting(EventRecord::recordId)
                .containsExactly(customer.id().value(), olgas.id().value());
        assertThat(olgasView.next()).as("past dan's event too").isEqualTo(3);
        EventBatch onlyDans = crm.as(OLGA).events().read(2, 100);
        assertThat(onlyDans.events()).isEmpty();
        assertThat(onlyDans.next()).isEqualTo(3);
        assertThat(crm.as(DAN).events().read(0, 100).events()).extracting(EventRecord::recordId)
                .containsExactly(customer.id().value(), dans.id().value());
    }

    @Test
    void relayingAndPurgingAreForTheSystem() {
        assertThatThrownBy(() -> crm.as(OLGA).events().relay(events -> { }, RelaySettings.DEFAULT))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("olga may not relay events");
        assertThatThrownBy(() -> crm.as(OLGA).events().purgeDelivered(crm.clock().instant()))
                .isInstanceOf(AccessDeniedException.class);
        crm.customers().create(NewCustomer.person("张三"));
        assertThat(crm.events().relay(events -> { }, RelaySettings.DEFAULT).drain()).isEqualTo(1);
    }

    @Test
    void badReadsAndSettingsNameEveryField() {
        assertThatThrownBy(() -> crm.events().read(-1, 0)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("afterPosition", "limit"));
        assertThatThrownBy(() -> crm.events().read(0, EventFeed.MAX_LIMIT + 1)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> RelaySettings.builder().batchSize(0).lease(Duration.ZERO).retryDelay(Duration.ofDays(2))
                .pollInterval(Duration.ofMillis(-1)).owner("  ").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field())
                        .containsExactly("batchSize", "lease", "retryDelay", "pollInterval", "owner"));
        assertThat(RelaySettings.builder().owner(" 中继 🚀 ' OR 1=1 ").build().ownerOrRandom()).isEqualTo("中继 🚀 ' OR 1=1");
    }

    @Test
    void eventTypesNameTheRecordKindAndTheEventInSnakeCase() {
        Customer c = crm.customers().create(NewCustomer.person("李四"));
        crm.tasks().create(NewTask.titled("回访").about(c.id()).assignTo(Assignee.user(UserRef.of("olga"))));
        assertThat(crm.events().read(0, 100).events()).extracting(EventRecord::type)
                .containsExactly("customer.created", "task.created", "task.assigned", "notice.raised");
    }

    @Test
    void aStartedRelayDeliversInTheBackgroundUntilClosedAndTheCrmClosesIt() throws Exception {
        int count = 30;
        CountDownLatch all = new CountDownLatch(count);
        List<UUID> got = Collections.synchronizedList(new ArrayList<>());
        EventRelay relay = crm.events().relay(events -> events.forEach(e -> {
            got.add(e.id());
            all.countDown();
        }), RelaySettings.builder().pollInterval(Duration.ofMillis(5)).build());
        relay.start();
        for (int i = 0; i < count; i++) {
            crm.customers().create(NewCustomer.person("客户 " + i));
        }
        assertThat(all.await(30, TimeUnit.SECONDS)).as("every event relayed").isTrue();
        assertThat(got).doesNotHaveDuplicates().hasSize(count);
        List<Thread> relayThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("crmkit-event-relay-" + relay.owner())).toList();
        assertThat(relayThreads).as("the relay's thread while it runs").hasSize(1);
        crm.close();
        // close() has stopped the relay's executor; its thread may still be returning from its last task
        relayThreads.get(0).join(TimeUnit.SECONDS.toMillis(10));
        assertThat(relayThreads.get(0).isAlive()).as("the relay's thread after the CRM closed").isFalse();
    }
}
