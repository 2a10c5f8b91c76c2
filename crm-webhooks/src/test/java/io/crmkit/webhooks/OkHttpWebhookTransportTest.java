package io.crmkit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.EventRelay;
import io.crmkit.core.event.RelaySettings;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.webhook.AddressGuard;
import io.crmkit.core.webhook.NewWebhookEndpoint;
import io.crmkit.core.webhook.WebhookAttempt;
import io.crmkit.core.webhook.WebhookDelivery;
import io.crmkit.core.webhook.WebhookDeliveryStatus;
import io.crmkit.core.webhook.WebhookEndpoint;
import io.crmkit.core.webhook.WebhookEndpointId;
import io.crmkit.core.webhook.WebhookRequest;
import io.crmkit.core.webhook.WebhookResponse;
import io.crmkit.core.webhook.WebhookSecret;
import io.crmkit.core.webhook.WebhookSettings;
import io.crmkit.testkit.TestClock;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP transport against a MockWebServer on 127.0.0.1, which the guard allows by name: signatures checked with
 * the Standard Webhooks verifier, the retry rules on real status codes, timeouts, refused connections, redirects,
 * replays; and the strict guard refusing loopback, private and metadata addresses before any traffic.
 */
class OkHttpWebhookTransportTest {
    /** The verifier checks timestamps against the wall clock: the CRM's clock starts at the real time. */
    private final TestClock clock = TestClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final MockWebServer server = new MockWebServer();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
        server.close();
    }

    private static OkHttpWebhookTransport.Builder allowingLoopback() {
        return OkHttpWebhookTransport.builder().guard(AddressGuard.builder().allowHost("127.0.0.1").build());
    }

    private Crm crm(OkHttpWebhookTransport transport) {
        Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock)
                .webhooks(WebhookSettings.builder().transport(transport).jitter(0).build()).build();
        opened.add(crm);
        return crm;
    }

    private Crm crm() {
        return crm(allowingLoopback().build());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    private static void relay(Crm crm) {
        try (EventRelay relay = crm.events().relay(crm.webhooks().sink(), RelaySettings.DEFAULT)) {
            relay.drain();
        }
    }

    private static Map<String, List<String>> headers(RecordedRequest r) {
        return r.getHeaders().toMultimap();
    }

    private static String body(RecordedRequest r) {
        return r.getBody() == null ? "" : r.getBody().string(StandardCharsets.UTF_8);
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the server").isNotNull();
        return r;
    }

    private static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    @Test
    void aDeliveryIsSignedAsTheStandardVerifierExpects() throws Exception {
        server.enqueue(status(204));
        Crm crm = crm();
        WebhookEndpoint e = crm.webhooks().register(NewWebhookEndpoint.of(url("/hooks/客户")).eventTypes("customer.*"));
        Customer c = crm.customers().create(NewCustomer.person("张三 😀 '; DROP TABLE x; --"));
        relay(crm);

        assertThat(crm.webhooks().deliverPending()).isEqualTo(1);
        RecordedRequest r = take();
        String body = body(r);
        new Webhook(e.secret().value()).verify(body, headers(r)); // throws if the signature does not verify
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getHeaders().get("content-type")).startsWith("application/json");
        assertThat(r.getHeaders().get("webhook-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        WebhookDelivery d = crm.webhooks().deliveries(e.id(), PageRequest.first(1)).items().get(0);
        assertThat(r.getHeaders().get("webhook-id")).isEqualTo(d.event().id().toString());
        assertThat(body).startsWith("{\"type\":\"customer.created\",\"timestamp\":\"" + d.event().occurredAt() + "\"")
                .contains("\"recordKind\":\"CUSTOMER\"", "\"recordId\":\"" + c.id().value() + "\"")
                .doesNotContain("张三");
        assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.SUCCEEDED);
        assertThat(crm.webhooks().attempts(e.id(), PageRequest.first(10)).items()).singleElement()
                .satisfies(a -> assertThat(a.statusCode()).hasValue(204));

        Map<String, List<String>> tampered = headers(r);
        assertThatThrownBy(() -> new Webhook(e.secret().value()).verify(body.replace("CUSTOMER", "TASK"), tampered))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WebhookSecret.generate().value()).verify(body, tampered))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void duringARotationBothSecretsVerify() throws Exception {
        server.enqueue(status(200));
        Crm crm = crm();
        WebhookEndpoint e = crm.webhooks().register(NewWebhookEndpoint.of(url("/rotate")));
        WebhookEndpoint rotated = crm.webhooks().rotateSecret(e.id());
        crm.customers().create(NewCustomer.person("Rotation"));
        relay(crm);
        crm.webhooks().deliverPending();

        RecordedRequest r = take();
        assertThat(r.getHeaders().get("webhook-signature").split(" ")).hasSize(2);
        new Webhook(e.secret().value()).verify(body(r), headers(r));
        new Webhook(rotated.secret().value()).verify(body(r), headers(r));
    }

    @Test
    void serverErrorsAreRetriedOnTheScheduleAndRetryAfterIsHonoured() throws Exception {
        server.enqueue(status(500));
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "600").build());
        server.enqueue(status(200));
        Crm crm = crm();
        WebhookEndpoint e = crm.webhooks().register(NewWebhookEndpoint.of(url("/retry")).eventTypes("customer.created"));
        crm.customers().create(NewCustomer.person("Retry"));
        relay(crm);

        crm.webhooks().deliverPending();
        clock.advance(Duration.ofSeconds(5));
        crm.webhooks().deliverPending();
        clock.advance(Duration.ofSeconds(599));
        assertThat(crm.webhooks().deliverPending()).as("Retry-After: 600, longer than the schedule's 5 min, not over yet")
                .isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(crm.webhooks().deliverPending()).isEqualTo(1);

        assertThat(server.getRequestCount()).isEqualTo(3);
        String id = take().getHeaders().get("webhook-id");
        assertThat(take().getHeaders().get("webhook-id")).isEqualTo(id);
        assertThat(take().getHeaders().get("webhook-id")).isEqualTo(id);
        assertThat(crm.webhooks().attempts(e.id(), PageRequest.first(10)).items())
                .extracting(a -> a.statusCode().orElse(0)).containsExactly(500, 429, 200);
    }

    @Test
    void goneDisablesTheEndpointAndOther4xxAndRedirectsAreNotRetried() throws Exception {
        server.enqueue(status(400));
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://169.254.169.254/").build());
        server.enqueue(status(410));
        Crm crm = crm();
        WebhookEndpoint e = crm.webhooks().register(NewWebhookEndpoint.of(url("/gone")).eventTypes("customer.created"));
        for (String name : List.of("a", "b", "c", "d")) {
            crm.customers().create(NewCustomer.person(name));
            relay(crm);
            crm.webhooks().deliverPending();
            clock.advance(Duration.ofHours(1));
        }

        assertThat(server.getRequestCount()).as("nothing after the 410, no redirect followed").isEqualTo(3);
        assertThat(crm.webhooks().attempts(e.id(), PageRequest.first(10)).items()).extracting(WebhookAttempt::result)
                .containsExactly(WebhookDeliveryStatus.FAILED, WebhookDeliveryStatus.FAILED, WebhookDeliveryStatus.FAILED);
        assertThat(crm.webhooks().require(e.id()).isEnabled()).isFalse();
        assertThat(crm.webhooks().deliveries(e.id(), PageRequest.first(10)).items()).extracting(WebhookDelivery::status)
                .containsOnly(WebhookDeliveryStatus.FAILED);
    }

    @Test
    void aTimeoutIsAFailureThatIsRetried() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).build());
        server.enqueue(status(200));
        Crm crm = crm(allowingLoopback().readTimeout(Duration.ofMillis(200)).callTimeout(Duration.ofMillis(500)).build());
        WebhookEndpoint e = crm.webhooks().register(NewWebhookEndpoint.of(url("/slow")).eventTypes("customer.created"));
        crm.customers().create(NewCustomer.person("Slow"));
        relay(crm);

        crm.webhooks().deliverPending();
        WebhookAttempt first = crm.webhooks().attempts(e.id(), PageRequest.first(10)).items().get(0);
        assertThat(first.statusCode()).isEmpty();
        assertThat(first.error()).hasValueSatisfying(err -> assertThat(err).contains("timed out"));
        assertThat(first.result()).isEqualTo(WebhookDeliveryStatus.PENDING);
        assertThat(first.duration()).isLessThan(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(5));
        crm.webhooks().deliverPending();
        assertThat(crm.webhooks().deliveries(e.id(), PageRequest.first(1)).items().get(0).status())
                .isEqualTo(WebhookDeliveryStatus.SUCCEEDED);
    }

    @Test
    void aRefusedConnectionIsAFailureThatIsRetried() throws Exception {
        OkHttpWebhookTransport transport = allowingLoopback().build();
        opened.add(transport);
        int port = server.getPort();
        server.close();

        WebhookResponse response = transport.send(request("http://127.0.0.1:" + port + "/closed"));
        assertThat(response.statusCode()).isEmpty();
        assertThat(response.error()).hasValueSatisfying(err -> assertThat(err).contains("connection failed"));
    }

    @Test
    void theStrictGuardRefusesInternalAddressesBeforeConnecting() throws Exception {
        OkHttpWebhookTransport strict = OkHttpWebhookTransport.create();
        opened.add(strict);
        for (String url : List.of(url("/plain-http"), "https://127.0.0.1:" + server.getPort() + "/loopback",
                "https://10.0.0.7/private", "https://169.254.169.254/latest/meta-data/", "https://[::1]:443/",
                "https://localhost:" + server.getPort() + "/by-name")) {
            WebhookResponse response = strict.send(request(url));
            assertThat(response.error()).as(url).hasValueSatisfying(err -> assertThat(err).contains("refused by the webhook address guard"));
            assertThat(response.statusCode()).isEmpty();
        }
        assertThat(server.getRequestCount()).isZero();

        Crm crm = crm(OkHttpWebhookTransport.create());
        assertThatThrownBy(() -> crm.webhooks().register(NewWebhookEndpoint.of(url("/x"))))
                .isInstanceOfSatisfying(ValidationException.class, v -> assertThat(v.hasViolation("url")).isTrue());
    }

    @Test
    void aReplayArrivesWithTheSameMessageId() throws Exception {
        server.enqueue(status(200));
        server.enqueue(status(200));
        Crm crm = crm();
        WebhookEndpoint e = crm.webhooks().register(NewWebhookEndpoint.of(url("/replay")).eventTypes("customer.created"));
        crm.customers().create(NewCustomer.person("Replay"));
        relay(crm);
        crm.webhooks().deliverPending();
        RecordedRequest first = take();

        crm.webhooks().replay(e.id(), java.util.UUID.fromString(first.getHeaders().get("webhook-id")));
        crm.webhooks().deliverPending();
        RecordedRequest again = take();
        assertThat(again.getHeaders().get("webhook-id")).isEqualTo(first.getHeaders().get("webhook-id"));
        assertThat(body(again)).isEqualTo(body(first));
        new Webhook(e.secret().value()).verify(body(again), headers(again));
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> OkHttpWebhookTransport.builder().connectTimeout(Duration.ZERO)
                .callTimeout(Duration.ofSeconds(-1)).build())
                .isInstanceOfSatisfying(ValidationException.class, v -> {
                    assertThat(v.hasViolation("connectTimeout")).isTrue();
                    assertThat(v.hasViolation("callTimeout")).isTrue();
                });
    }

    private WebhookRequest request(String url) {
        io.crmkit.core.event.EventRecord event = new io.crmkit.core.event.EventRecord(java.util.UUID.randomUUID(), 1,
                "customer.updated", io.crmkit.core.security.RecordKind.CUSTOMER, java.util.UUID.randomUUID(),
                java.util.OptionalLong.of(2), List.of("tags"), clock.instant(), io.crmkit.core.security.UserRef.of("u1"),
                io.crmkit.core.audit.AuditSource.API);
        return new WebhookRequest(new WebhookEndpointId(java.util.UUID.randomUUID()), url, event, clock.instant(),
                List.of(WebhookSecret.generate()), 1);
    }
}
