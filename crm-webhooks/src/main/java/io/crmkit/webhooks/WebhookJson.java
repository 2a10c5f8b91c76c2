package io.crmkit.webhooks;

import io.crmkit.core.event.EventRecord;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON body of a webhook request, in the Standard Webhooks shape (the event type, when it occurred, and the
 * event as {@code data}), written with jackson-core's streaming generator:
 *
 * <pre>{@code
 * {"type":"customer.updated","timestamp":"2025-03-10T08:00:00Z",
 *  "data":{"id":"0190...","position":42,"recordKind":"CUSTOMER","recordId":"0190...","recordVersion":3,
 *          "changedFields":["tags"],"actor":"li","source":"API"}}
 * }</pre>
 *
 * {@code recordVersion} is left out for events without one. The data carries ids, never field values: a receiver
 * reads the record through the host's API when it needs it. The same event always gives the same bytes.
 */
public final class WebhookJson {
    private static final JsonFactory JSON = new JsonFactory();

    private WebhookJson() {
    }

    /** The request body of {@code e}, as UTF-8 JSON. */
    public static byte[] write(EventRecord e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(320);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("type", e.type());
            g.writeStringProperty("timestamp", e.occurredAt().toString());
            g.writeName("data");
            g.writeStartObject();
            g.writeStringProperty("id", e.id().toString());
            g.writeNumberProperty("position", e.position());
            g.writeStringProperty("recordKind", e.recordKind().name());
            g.writeStringProperty("recordId", e.recordId().toString());
            if (e.recordVersion().isPresent()) {
                g.writeNumberProperty("recordVersion", e.recordVersion().getAsLong());
            }
            g.writeName("changedFields");
            g.writeStartArray();
            for (String field : e.changedFields()) {
                g.writeString(field);
            }
            g.writeEndArray();
            g.writeStringProperty("actor", e.actor().id());
            g.writeStringProperty("source", e.source().name());
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
