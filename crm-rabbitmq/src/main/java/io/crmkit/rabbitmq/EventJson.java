package io.crmkit.rabbitmq;

import io.crmkit.core.event.EventRecord;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON body of an event message, written with jackson-core's streaming generator:
 *
 * <pre>{@code
 * {"id":"0190...","position":42,"type":"customer.updated","recordKind":"CUSTOMER","recordId":"0190...",
 *  "recordVersion":3,"changedFields":["tags"],"occurredAt":"2025-03-10T08:00:00Z","actor":"li","source":"API"}
 * }</pre>
 *
 * {@code recordVersion} is left out for events without one.
 */
public final class EventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private EventJson() {
    }

    /** The event as UTF-8 JSON. */
    public static byte[] write(EventRecord e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("id", e.id().toString());
            g.writeNumberProperty("position", e.position());
            g.writeStringProperty("type", e.type());
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
            g.writeStringProperty("occurredAt", e.occurredAt().toString());
            g.writeStringProperty("actor", e.actor().id());
            g.writeStringProperty("source", e.source().name());
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
