package io.crmkit.examples;

import com.sun.net.httpserver.HttpServer;
import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.EventRelay;
import io.crmkit.core.event.RelaySettings;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.webhook.AddressGuard;
import io.crmkit.core.webhook.NewWebhookEndpoint;
import io.crmkit.core.webhook.WebhookAttempt;
import io.crmkit.core.webhook.WebhookEndpoint;
import io.crmkit.core.webhook.WebhookSecret;
import io.crmkit.core.webhook.WebhookSettings;
import io.crmkit.core.webhook.WebhookSignature;
import io.crmkit.webhooks.OkHttpWebhookTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ERP receiving the CRM's customer events by webhook: a small HTTP server on 127.0.0.1 (allow-listed, as a host
 * allows an intranet ERP) that checks each request's Standard Webhooks signature with the secret it was given, and
 * answers the first request with 503 to show a retry. Prints what the ERP received and the delivery log.
 *
 * <pre>
 * mvn -B -q -Pdemo package -Ddemo.main=io.crmkit.examples.WebhooksExample
 * </pre>
 */
public final class WebhooksExample {
    private WebhooksExample() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        run().forEach(out::println);
    }

    /** Runs the scenario; returns the printed lines. */
    static List<String> run() throws IOException {
        List<String> lines = new ArrayList<>();
        WebhookSecret[] secret = new WebhookSecret[1];
        AtomicInteger requests = new AtomicInteger();
        HttpServer erp = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        erp.createContext("/crm-events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst(WebhookSignature.ID_HEADER);
            long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER));
            String expected = WebhookSignature.sign(secret[0], id, timestamp, body);
            boolean valid = Arrays.asList(exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER)
                    .split(" ")).contains(expected);
            int status = requests.incrementAndGet() == 1 ? 503 : valid ? 204 : 401;
            synchronized (lines) {
                lines.add("ERP got " + new String(body, StandardCharsets.UTF_8).replaceAll("\"id\":\"[^\"]+\"", "\"id\":…")
                        .replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "…").replaceAll("\"(timestamp)\":\"[^\"]+\"", "\"$1\":…")
                        + " signature " + (valid ? "valid" : "INVALID") + ", answered " + status);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        erp.start();
        OkHttpWebhookTransport transport = OkHttpWebhookTransport.builder()
                .guard(AddressGuard.builder().allowHost("127.0.0.1").build()).build();
        try (Crm crm = Crm.builder().storage(InMemoryStorage.create())
                .webhooks(WebhookSettings.builder().transport(transport)
                        .schedule(java.time.Duration.ZERO, java.time.Duration.ZERO).build())
                .build()) {
            WebhookEndpoint endpoint = crm.webhooks().register(NewWebhookEndpoint.of("http://127.0.0.1:"
                    + erp.getAddress().getPort() + "/crm-events").eventTypes("customer.*").description("ERP 客户同步"));
            secret[0] = endpoint.secret(); // handed to the ERP once
            Customer c = crm.customers().create(NewCustomer.organization("上海明华贸易").email("info@minghua.example"));
            crm.customers().update(c.edit().tag("VIP"));
            try (EventRelay relay = crm.events().relay(crm.webhooks().sink(), RelaySettings.DEFAULT)) {
                relay.drain();
            }
            while (crm.webhooks().deliverPending() > 0) {
                // the 503 is retried at once: this example's schedule has no waits
            }
            for (WebhookAttempt a : crm.webhooks().attempts(endpoint.id(), PageRequest.first(10)).items()) {
                lines.add("attempt " + a.number() + ": HTTP " + a.statusCode().orElse(0) + " -> " + a.result());
            }
        } finally {
            erp.stop(0);
        }
        return lines;
    }
}
