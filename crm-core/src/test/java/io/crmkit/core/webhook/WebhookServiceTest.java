package io.crmkit.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.event.EventRelay;
import io.crmkit.core.event.RelaySettings;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.task.NewTask;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookServiceTest {
    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final ScriptedTransport transport = new ScriptedTransport();
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final List<Crm> opened = new ArrayList<>();

    private Crm crm(WebhookSettings.Builder settings) {
        return crm(settings, AccessPolicy.unrestricted());
    }

    private Crm crm(WebhookSettings.Builder settings, AccessPolicy policy) {
        Crm crm = TestCrm.builder(clock).access(policy).listener(events::add)
                .webhooks(settings.transport(transport).build()).build();
        opened.add(crm);
        return crm;
    }

    private static WebhookSettings.Builder noJitter() {
        return WebhookSettings.builder().jitter(0);
    }

    @AfterEach
    void close() {
        opened.forEach(Crm::close);
    }

    /** Relays the outbox to the webhooks' sink, as a host does. */
    private static int relay(Crm crm) {
        try (EventRelay relay = crm.events().relay(crm.webhooks().sink(), RelaySettings.DEFAULT)) {
            return relay.drain();
        }
    }

    private static WebhookEndpoint erp(Crm crm, String... types) {
        return crm.webhooks().register(NewWebhookEndpoint.of("https://erp.example.com/crm?src=客户管理").eventTypes(types));
    }

    @Test
    void registrationRefusesBadInputNamingEveryFieldAndWritesNothing() {
        Crm crm = crm(noJitter());

        assertThatThrownBy(() -> crm.webhooks().register(NewWebhookEndpoint.of("ftp://erp.example.com/x")
                .eventTypes("Customer.Updated", "customer.", "'; DROP TABLE x; --").description("x".repeat(501))))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.hasViolation("url")).isTrue();
                    assertThat(e.hasViolation("eventTypes")).isTrue();
                    assertThat(e.hasViolation("description")).isTrue();
                    assertThat(e.violations()).filteredOn(v -> v.field().equals("eventTypes")).hasSize(3);
                });
        assertThat(crm.webhooks().list(PageRequest.first(10)).items()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void theGuardRefusesInternalAddressesAndPlainHttpUnlessAllowed() {
        Crm crm = crm(noJitter());
        for (String url : List.of("https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest",
                "https://[::1]/hook", "https://[::ffff:127.0.0.1]/hook", "https://100.100.100.200/meta",
                "https://192.168.1.10/hook", "https://172.16.0.1/hook", "https://[fd00:ec2::254]/", "https://0.0.0.0/",
                "http://203.0.113.9/plain", "https://[64:ff9b::a9fe:a9fe]/nat64", "https://[2002:a9fe:a9fe::1]/6to4",
                "https://[::a9fe:a9fe]/compatible", "https://[::ffff:0:a00:1]/translated",
                "https://2130706433/number")) {
            assertThatThrownBy(() -> crm.webhooks().register(NewWebhookEndpoint.of(url)))
                    .as(url).isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.violations()).extracting(ValidationException.Violation::field,
                                    ValidationException.Violation::code).containsExactly(
                                    org.assertj.core.groups.Tuple.tuple("url", "refused")));
        }
        for (String url : List.of("https://127.0.0.1./dot", "https://127.1/short")) { // no host for java.net.URI
            assertThatThrownBy(() -> crm.webhooks().register(NewWebhookEndpoint.of(url)))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("url")).isTrue());
        }
        assertThat(crm.webhooks().register(NewWebhookEndpoint.of("https://203.0.113.9/public")).url())
                .isEqualTo("https://203.0.113.9/public");
        assertThat(crm.webhooks().register(NewWebhookEndpoint.of("http://erp.example.com/plain")).isEnabled()).isTrue();
    }

    @Test
    void allowedRangesLetIntranetAddressesThroughAndHostsAreExact() {
        AddressGuard guard = AddressGuard.builder().allowRange("10.20.0.0/16").allowHost("ERP.intranet").build();
        assertThat(guard.refusal(java.net.URI.create("http://10.20.3.4/hook"))).isEmpty();
        assertThat(guard.refusal(java.net.URI.create("https://10.21.3.4/hook"))).isPresent();
        assertThat(guard.refusal(java.net.URI.create("http://erp.intranet:8080/hook"))).isEmpty();
        assertThat(guard.refusal(java.net.URI.create("http://erp.intranet.evil.example/hook"))).isPresent();
        assertThatThrownBy(() -> AddressGuard.builder().allowRange("10.0.0.0/33").allowRange("nonsense").build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).hasSize(2));
    }

    @Test
    void eachEventBecomesOneDeliveryPerMatchingEndpointAndIsSentSigned() {
        Crm crm = crm(noJitter());
        WebhookEndpoint customers = erp(crm, "customer.*");
        WebhookEndpoint tasks = crm.webhooks().register(NewWebhookEndpoint.of("https://oa.example.com/hook")
                .eventTypes("task.created"));
        WebhookEndpoint off = erp(crm);
        crm.webhooks().disable(off.id(), "停用 😀");
        Customer c = crm.customers().create(NewCustomer.person("张三 😀"));
        crm.tasks().create(NewTask.titled("回访").about(c.id()));

        relay(crm);
        assertThat(crm.webhooks().deliveries(customers.id(), PageRequest.first(10)).items())
                .extracting(d -> d.event().type()).containsExactly("customer.created");
        assertThat(crm.webhooks().deliveries(tasks.id(), PageRequest.first(10)).items())
                .extracting(d -> d.event().type()).containsExactly("task.created");
        assertThat(crm.webhooks().deliveries(off.id(), PageRequest.first(10)).items()).isEmpty();

        assertThat(crm.webhooks().deliverPending()).isEqualTo(2);
        assertThat(transport.requests()).extracting(WebhookRequest::url)
                .containsExactlyInAnyOrder(customers.url(), tasks.url());
        WebhookRequest sent = transport.requests().stream().filter(r -> r.endpointId().equals(customers.id()))
                .findFirst().orElseThrow();
        assertThat(sent.event().recordId()).isEqualTo(c.id().value());
        assertThat(sent.messageId()).isEqualTo(sent.event().id().toString());
        assertThat(sent.secrets()).containsExactly(customers.secret());
        assertThat(sent.timestamp()).isEqualTo(clock.instant());
        assertThat(crm.webhooks().deliveries(customers.id(), PageRequest.first(10)).items())
                .extracting(WebhookDelivery::status).containsExactly(WebhookDeliveryStatus.SUCCEEDED);
        List<WebhookAttempt> log = crm.webhooks().attemptsOfEvent(sent.event().id(), PageRequest.first(10)).items();
        assertThat(log).singleElement().satisfies(a -> {
            assertThat(a.statusCode()).hasValue(200);
            assertThat(a.number()).isEqualTo(1);
            assertThat(a.result()).isEqualTo(WebhookDeliveryStatus.SUCCEEDED);
            assertThat(a.succeeded()).isTrue();
        });
        assertThat(crm.webhooks().deliverPending()).as("nothing due any more").isZero();
    }

    @Test
    void eventsTheRelayHandsTwiceAreDeliveredOnce() throws Exception {
        Crm crm = crm(noJitter());
        WebhookEndpoint e = erp(crm);
        crm.customers().create(NewCustomer.person("李四"));
        List<EventRecord> batch = crm.events().read(0, 10).events();

        crm.webhooks().sink().publish(batch);
        crm.webhooks().sink().publish(batch);

        assertThat(crm.webhooks().deliveries(e.id(), PageRequest.first(10)).items()).hasSize(batch.size());
    }

    @Test
    void failuresAreRetriedOnTheScheduleUntilTheyRunOut() {
        Crm crm = crm(noJitter());
        transport.always(WebhookResponse.answered(503, null));
        WebhookEndpoint e = erp(crm, "customer.created");
        crm.customers().create(NewCustomer.person("王五"));
        relay(crm);
        Instant start = clock.instant();

        assertThat(crm.webhooks().deliverPending()).isEqualTo(1);
        for (Duration wait : WebhookSettings.DEFAULT_SCHEDULE.subList(1, WebhookSettings.DEFAULT_SCHEDULE.size())) {
            clock.advance(wait.minusMillis(1));
            assertThat(crm.webhooks().deliverPending()).as("not due before %s", wait).isZero();
            clock.advance(Duration.ofMillis(1));
            assertThat(crm.webhooks().deliverPending()).as("due after %s", wait).isEqualTo(1);
        }
        clock.advance(Duration.ofDays(1));
        assertThat(crm.webhooks().deliverPending()).isZero();

        List<WebhookAttempt> log = crm.webhooks().attempts(e.id(), PageRequest.first(100)).items();
        assertThat(log).hasSize(8).allSatisfy(a -> assertThat(a.statusCode()).hasValue(503));
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < log.size(); i++) {
            gaps.add(Duration.between(log.get(i - 1).at(), log.get(i).at()));
        }
        assertThat(gaps).containsExactlyElementsOf(WebhookSettings.DEFAULT_SCHEDULE.subList(1, 8));
        assertThat(log.get(7).result()).isEqualTo(WebhookDeliveryStatus.FAILED);
        WebhookDelivery d = crm.webhooks().deliveries(e.id(), PageRequest.first(10)).items().get(0);
        assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.FAILED);
        assertThat(d.attempts()).isEqualTo(8);
        assertThat(d.lastError()).hasValueSatisfying(err -> assertThat(err).contains("HTTP 503", "8 attempts"));
        WebhookEndpoint after = crm.webhooks().require(e.id());
        assertThat(after.failingSince()).contains(start);
        assertThat(after.isEnabled()).as("27 hours of failures are less than 5 days").isTrue();
    }

    @Test
    void timeoutsConnectionErrorsAndBrokenTransportsAreRetriedTooButOther4xxAreNot() {
        Crm crm = crm(noJitter());
        transport.then(WebhookResponse.failed("timed out: read")).thenThrow(new IllegalStateException("broken"))
                .then(WebhookResponse.answered(408, null)).then(WebhookResponse.answered(429, null))
                .then(WebhookResponse.answered(400, null));
        WebhookEndpoint e = erp(crm, "customer.created");
        crm.customers().create(NewCustomer.person("赵六"));
        relay(crm);

        for (int i = 0; i < 6; i++) {
            crm.webhooks().deliverPending();
            clock.advance(Duration.ofHours(10));
        }

        List<WebhookAttempt> log = crm.webhooks().attempts(e.id(), PageRequest.first(100)).items();
        assertThat(log).extracting(WebhookAttempt::result).containsExactly(WebhookDeliveryStatus.PENDING,
                WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.PENDING,
                WebhookDeliveryStatus.FAILED);
        assertThat(log.get(0).error()).hasValueSatisfying(err -> assertThat(err).contains("timed out"));
        assertThat(log.get(1).error()).hasValueSatisfying(err -> assertThat(err).contains("broken"));
        assertThat(log.get(4).error()).hasValueSatisfying(err -> assertThat(err).contains("400", "not retried"));
        assertThat(transport.requests()).hasSize(5);
    }

    @Test
    void theScheduleFirstWaitComesBeforeTheFirstAttempt() {
        Crm crm = crm(noJitter().schedule(Duration.ofMinutes(1), Duration.ofMinutes(5)));
        erp(crm, "customer.created");
        crm.customers().create(NewCustomer.person("Later"));
        relay(crm);

        assertThat(crm.webhooks().deliverPending()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(crm.webhooks().deliverPending()).isEqualTo(1);
    }

    @Test
    void retryAfterInSecondsOrAsADateIsWaitedOutWhenLongerThanTheSchedule() {
        Crm crm = crm(noJitter());
        Instant inAnHour = clock.instant().plus(Duration.ofHours(1));
        transport.then(WebhookResponse.answered(429, "120"))
                .then(WebhookResponse.answered(503, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        inAnHour.plusSeconds(125).atOffset(ZoneOffset.UTC))))
                .then(WebhookResponse.answered(503, "1")); // shorter than the schedule's 30 min: the schedule wins
        WebhookEndpoint e = erp(crm, "customer.created");
        crm.customers().create(NewCustomer.person("Retry"));
        relay(crm);

        crm.webhooks().deliverPending();
        assertThat(next(crm, e)).isEqualTo(clock.instant().plusSeconds(120));
        clock.advance(Duration.ofSeconds(120));
        crm.webhooks().deliverPending();
        assertThat(next(crm, e)).isEqualTo(inAnHour.plusSeconds(125));
        clock.set(inAnHour.plusSeconds(125));
        crm.webhooks().deliverPending();
        assertThat(next(crm, e)).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    }

    private static Instant next(Crm crm, WebhookEndpoint e) {
        return crm.webhooks().deliveries(e.id(), PageRequest.first(1)).items().get(0).nextAttemptAt();
    }

    @Test
    void jitterMovesEachWaitByAtMostItsFraction() {
        Crm crm = crm(WebhookSettings.builder().jitter(0.2).schedule(Duration.ZERO, Duration.ofMinutes(10)));
        transport.always(WebhookResponse.answered(500, null));
        WebhookEndpoint e = erp(crm, "customer.created");
        for (int i = 0; i < 20; i++) {
            crm.customers().create(NewCustomer.person("Jitter " + i));
        }
        relay(crm);
        Instant now = clock.instant();
        crm.webhooks().deliverPending();

        List<Instant> due = crm.webhooks().deliveries(e.id(), PageRequest.first(100)).items().stream()
                .map(WebhookDelivery::nextAttemptAt).toList();
        assertThat(due).hasSize(20).allSatisfy(at -> assertThat(at)
                .isBetween(now.plus(Duration.ofMinutes(8)), now.plus(Duration.ofMinutes(12))));
        assertThat(Set.copyOf(due)).as("spread, not all at one instant").hasSizeGreaterThan(1);
    }

    @Test
    void goneDisablesTheEndpointWithAnEventAndItsOtherDeliveriesAreGivenUp() {
        Crm crm = crm(noJitter());
        transport.then(WebhookResponse.answered(410, null));
        WebhookEndpoint e = erp(crm, "customer.created");
        crm.customers().create(NewCustomer.person("A"));
        crm.customers().create(NewCustomer.person("B"));
        relay(crm);

        assertThat(crm.webhooks().deliverPending()).isEqualTo(1);

        WebhookEndpoint after = crm.webhooks().require(e.id());
        assertThat(after.status()).isEqualTo(WebhookEndpointStatus.DISABLED);
        assertThat(after.disabledReason()).hasValueSatisfying(r -> assertThat(r).contains("410"));
        assertThat(events).filteredOn(WebhookEvent.Disabled.class::isInstance).singleElement()
                .satisfies(ev -> assertThat(((WebhookEvent.Disabled) ev).endpointId()).isEqualTo(e.id()));
        assertThat(crm.webhooks().deliveries(e.id(), PageRequest.first(10)).items()).extracting(WebhookDelivery::status)
                .containsOnly(WebhookDeliveryStatus.FAILED);
        assertThat(transport.requests()).hasSize(1);
        assertThat(crm.events().read(0, 100).events()).extracting(EventRecord::type)
                .contains("webhook_endpoint.disabled");
    }

    @Test
    void anEndpointFailingLongerThanTheLimitIsDisabledWithAnEvent() {
        Crm crm = crm(noJitter().disableAfter(Duration.ofHours(3))
                .schedule(Duration.ZERO, Duration.ofHours(2), Duration.ofHours(2)));
        transport.then(WebhookResponse.failed("connection refused")).then(WebhookResponse.answered(200, null))
                .always(WebhookResponse.answered(502, null));
        WebhookEndpoint e = erp(crm, "customer.created");
        crm.customers().create(NewCustomer.person("one"));
        relay(crm);
        crm.webhooks().deliverPending(); // fails at t0
        clock.advance(Duration.ofHours(2));
        crm.webhooks().deliverPending(); // succeeds: failing no more
        assertThat(crm.webhooks().require(e.id()).failingSince()).isEmpty();

        crm.customers().create(NewCustomer.person("two"));
        relay(crm);
        Instant failedFrom = clock.instant();
        crm.webhooks().deliverPending();
        assertThat(crm.webhooks().require(e.id()).failingSince()).contains(failedFrom);
        clock.advance(Duration.ofHours(2));
        crm.webhooks().deliverPending();
        assertThat(crm.webhooks().require(e.id()).isEnabled()).as("failing 2 of 3 hours").isTrue();
        crm.customers().create(NewCustomer.person("three"));
        relay(crm);
        clock.advance(Duration.ofHours(1));
        crm.webhooks().deliverPending();

        WebhookEndpoint after = crm.webhooks().require(e.id());
        assertThat(after.isEnabled()).isFalse();
        assertThat(after.disabledReason()).hasValueSatisfying(r -> assertThat(r).contains(failedFrom.toString()));
        assertThat(events).filteredOn(WebhookEvent.Disabled.class::isInstance).hasSize(1);

        WebhookEndpoint again = crm.webhooks().enable(e.id());
        assertThat(again.isEnabled()).isTrue();
        assertThat(again.failingSince()).isEmpty();
        assertThat(events).filteredOn(WebhookEvent.Enabled.class::isInstance).hasSize(1);
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneForItsGracePeriod() {
        Crm crm = crm(noJitter().secretGrace(Duration.ofHours(1)));
        WebhookEndpoint e = erp(crm, "customer.created");
        WebhookSecret old = e.secret();
        WebhookEndpoint rotated = crm.webhooks().rotateSecret(e.id());
        assertThat(rotated.secret()).isNotEqualTo(old);
        assertThat(rotated.previousSecret()).contains(old);
        assertThat(rotated.version()).isEqualTo(e.version() + 1);

        crm.customers().create(NewCustomer.person("during"));
        relay(crm);
        crm.webhooks().deliverPending();
        clock.advance(Duration.ofHours(1));
        crm.customers().create(NewCustomer.person("after"));
        relay(crm);
        crm.webhooks().deliverPending();

        assertThat(transport.requests()).extracting(WebhookRequest::secrets)
                .containsExactly(List.of(rotated.secret(), old), List.of(rotated.secret()));
        assertThat(rotated.toString()).doesNotContain(old.value(), rotated.secret().value());
        assertThat(old.toString()).doesNotContain(old.value());
    }

    @Test
    void secretsAreReadInTheirWhsecFormOnly() {
        WebhookSecret s = WebhookSecret.generate();
        assertThat(WebhookSecret.of(s.value())).isEqualTo(s);
        assertThat(s.value()).startsWith("whsec_");
        for (String bad : List.of("abc", "whsec_!!!", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[8]))) {
            assertThatThrownBy(() -> WebhookSecret.of(bad)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.hasViolation("secret")).isTrue());
        }
    }

    @Test
    void anEventOrAPeriodIsReplayedToAnEndpointWithTheSameMessageId() {
        Crm crm = crm(noJitter());
        WebhookEndpoint e = erp(crm, "customer.created");
        WebhookEndpoint late = crm.webhooks().register(NewWebhookEndpoint.of("https://oa.example.com/late")
                .eventTypes("task.created"));
        Instant from = clock.instant();
        crm.customers().create(NewCustomer.person("1"));
        clock.advance(Duration.ofMinutes(1));
        crm.customers().create(NewCustomer.person("2"));
        clock.advance(Duration.ofMinutes(1));
        Instant to = clock.instant();
        crm.customers().create(NewCustomer.person("3: after the period"));
        relay(crm);
        crm.webhooks().deliverPending();
        EventRecord first = transport.requests().stream().map(WebhookRequest::event) // the relay's order is by partition
                .min(java.util.Comparator.comparing(EventRecord::occurredAt)).orElseThrow();

        WebhookDelivery replayed = crm.webhooks().replay(late.id(), first.id());
        assertThat(replayed.replay()).isTrue();
        assertThat(crm.webhooks().replay(e.id(), from, to)).isEqualTo(2);
        assertThat(crm.webhooks().replay(e.id(), from, to)).as("replays are not replayed again").isEqualTo(2);
        crm.webhooks().deliverPending();

        assertThat(transport.requests()).hasSize(3 + 1 + 4);
        assertThat(transport.requests().get(3).endpointId()).isEqualTo(late.id());
        assertThat(transport.requests().get(3).messageId()).isEqualTo(first.id().toString());
        assertThat(crm.webhooks().deliveriesOfEvent(first.id(), PageRequest.first(10)).items()).hasSize(4);
        assertThatThrownBy(() -> crm.webhooks().replay(e.id(), to, from)).isInstanceOfSatisfying(
                ValidationException.class, v -> assertThat(v.hasViolation("to")).isTrue());
        assertThatThrownBy(() -> crm.webhooks().replay(e.id(), java.util.UUID.randomUUID()))
                .isInstanceOf(io.crmkit.core.NotFoundException.class);
        crm.webhooks().disable(e.id(), "maintenance");
        assertThatThrownBy(() -> crm.webhooks().replay(e.id(), first.id())).isInstanceOfSatisfying(
                ValidationException.class, v -> assertThat(v.hasViolation("endpoint")).isTrue());
    }

    @Test
    void onlyTheSystemOrAnAdministratorPolicyManagesEndpoints() {
        AccessPolicy policy = AccessPolicy.builder()
                .grantAll("admin", AccessLevel.ALL, RecordKind.WEBHOOK_ENDPOINT)
                .grantAll("manager", AccessLevel.DEPARTMENT, RecordKind.values())
                .build();
        Crm crm = crm(noJitter(), policy);
        WebhookEndpoint e = erp(crm); // the system
        Actor admin = Actor.user("admin-1").withRoles("admin");
        Actor manager = Actor.user("m-1").withRoles("manager");

        assertThat(crm.as(admin).webhooks().list(PageRequest.first(10)).items()).hasSize(1);
        assertThat(crm.as(admin).webhooks().rotateSecret(e.id()).version()).isEqualTo(2);
        for (Runnable call : List.<Runnable>of(
                () -> crm.as(manager).webhooks().list(PageRequest.first(10)),
                () -> crm.as(manager).webhooks().get(e.id()),
                () -> crm.as(manager).webhooks().register(NewWebhookEndpoint.of("https://erp.example.com/m")),
                () -> crm.as(manager).webhooks().disable(e.id(), "no"),
                // refused before the address is looked at: its message would tell what the name resolves to
                () -> crm.as(manager).webhooks().changeUrl(e.id(), "https://10.0.0.5/probe"),
                () -> crm.as(manager).webhooks().attempts(e.id(), PageRequest.first(10)),
                () -> crm.as(manager).webhooks().attemptsOfEvent(java.util.UUID.randomUUID(), PageRequest.first(10)),
                () -> crm.as(Actor.user("nobody")).webhooks().replay(e.id(), clock.instant(), clock.instant().plusSeconds(1)))) {
            assertThatThrownBy(call::run).isInstanceOf(AccessDeniedException.class);
        }
        assertThat(crm.webhooks().require(e.id()).isEnabled()).isTrue();
        assertThat(crm.as(admin).access().can(io.crmkit.core.security.Action.READ, RecordKind.WEBHOOK_ENDPOINT,
                e.id().value())).isTrue();
        assertThat(crm.as(manager).access().can(io.crmkit.core.security.Action.READ, RecordKind.WEBHOOK_ENDPOINT,
                e.id().value())).isFalse();
    }

    @Test
    void settingsNameEveryBadValue() {
        assertThatThrownBy(() -> WebhookSettings.builder().schedule().jitter(1.5).disableAfter(Duration.ZERO)
                .secretGrace(Duration.ofSeconds(-1)).batchSize(0).lease(Duration.ZERO).build())
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(ValidationException.Violation::field).contains("schedule", "jitter", "disableAfter",
                                "secretGrace", "batchSize", "lease"));
    }
}
