package io.crmkit.core.internal;

import io.crmkit.core.audit.AuditChain;
import io.crmkit.core.audit.AuditSource;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.event.EventOutboxRepository;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.security.RecordKind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the events of a unit of work to the event outbox, in its transaction, last (the position counter it locks
 * is held only until the commit right after). The changed fields of an event are the fields the unit of work's
 * audit drafts changed on the event's record.
 */
final class OutboxEvents {
    /** Event class to type name; a handful of classes, computed once each. */
    private static final Map<Class<?>, String> TYPES = new ConcurrentHashMap<>();

    private OutboxEvents() {
    }

    static void append(EventOutboxRepository outbox, List<DomainEvent> events, List<AuditDraft> drafts, Clock clock) {
        long first = outbox.reservePositions(events.size());
        Map<RecordRef, List<AuditDraft>> byRecord = new HashMap<>();
        for (AuditDraft d : drafts) {
            byRecord.computeIfAbsent(new RecordRef(d.kind(), d.recordId()), k -> new ArrayList<>(1)).add(d);
        }
        List<EventRecord> records = new ArrayList<>(events.size());
        for (DomainEvent e : events) {
            Set<String> fields = new LinkedHashSet<>();
            AuditSource source = AuditSource.API;
            for (AuditDraft d : byRecord.getOrDefault(new RecordRef(e.recordKind(), e.recordId()), List.of())) {
                source = d.source();
                for (AuditChain.Change c : d.changes().get()) {
                    fields.add(c.field());
                }
            }
            records.add(new EventRecord(Ids.uuid7(clock), first + records.size(), type(e), e.recordKind(), e.recordId(),
                    e.recordVersion(), List.copyOf(fields), e.at(), e.actor(), source));
        }
        outbox.insert(records);
    }

    private record RecordRef(RecordKind kind, UUID id) {
    }

    /** {@code service_case.transitioned}: the record kind and the event's class name, in snake case. */
    static String type(DomainEvent e) {
        return TYPES.computeIfAbsent(e.getClass(), c -> kindName(e.recordKind()) + "." + snake(c.getSimpleName()));
    }

    private static String kindName(RecordKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(ch));
        }
        return out.toString();
    }
}
