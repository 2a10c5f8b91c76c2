package io.crmkit.core.internal.webhook;

import io.crmkit.core.event.EventRecord;
import io.crmkit.core.event.EventSink;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Ids;
import io.crmkit.core.webhook.WebhookDelivery;
import io.crmkit.core.webhook.WebhookEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The event sink of webhooks: writes, in one transaction per relayed batch, one pending delivery per event and
 * enabled endpoint whose types select it. Events a relay hands again (after a crash before it marked them) are
 * skipped: their deliveries exist. Sending is left to the dispatcher, so the relay never waits for an endpoint.
 */
final class WebhookFanOut implements EventSink {
    private final Engine engine;
    private final WebhookDispatcher dispatcher;

    WebhookFanOut(Engine engine, WebhookDispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
    }

    @Override
    public void publish(List<EventRecord> events) {
        int written = engine.storage().inTransaction(r -> {
            List<WebhookEndpoint> endpoints = r.webhooks().enabledEndpoints();
            if (endpoints.isEmpty() || events.isEmpty()) {
                return 0;
            }
            Set<UUID> done = r.webhooks().fannedOut(events.stream().map(EventRecord::id).toList());
            Instant now = engine.clock().instant();
            Instant due = dispatcher.firstAttempt(now);
            List<WebhookDelivery> deliveries = new ArrayList<>();
            for (EventRecord event : events) {
                if (done.contains(event.id())) {
                    continue;
                }
                for (WebhookEndpoint endpoint : endpoints) {
                    if (endpoint.accepts(event.type())) {
                        deliveries.add(WebhookDelivery.pending(Ids.uuid7(engine.clock()), endpoint.id(), event, false, now,
                                due));
                    }
                }
            }
            r.webhooks().insertDeliveries(deliveries);
            return deliveries.size();
        });
        if (written > 0) {
            dispatcher.wakeUp();
        }
    }

    @Override
    public String toString() {
        return "WebhookFanOut";
    }
}
