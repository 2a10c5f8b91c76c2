package io.crmkit.core.internal.event;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Checks;
import io.crmkit.core.event.EventBatch;
import io.crmkit.core.event.EventFeed;
import io.crmkit.core.event.EventRecord;
import io.crmkit.core.event.EventRelay;
import io.crmkit.core.event.EventSink;
import io.crmkit.core.event.RelaySettings;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.RecordKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The event feed of one actor: reads filtered by what the actor may read; relays and purges for the system only. */
public final class TransactionalEventFeed implements EventFeed {
    private final Engine engine;
    private final Guard guard;

    public TransactionalEventFeed(Engine engine, io.crmkit.core.security.Actor actor) {
        this.engine = engine;
        this.guard = engine.guard(actor);
    }

    @Override
    public EventBatch read(long afterPosition, int limit) {
        Checks checks = new Checks();
        checks.require(afterPosition >= 0, "afterPosition", "range", "must be 0 or more");
        checks.require(limit >= 1 && limit <= MAX_LIMIT, "limit", "range", "must be 1 to " + MAX_LIMIT);
        checks.throwIfAny();
        return engine.read(repos -> {
            List<EventRecord> seen = repos.events().after(afterPosition, limit);
            Map<RecordKind, Boolean> everything = new EnumMap<>(RecordKind.class);
            List<EventRecord> readable = new ArrayList<>(seen.size());
            for (EventRecord e : seen) {
                boolean all = everything.computeIfAbsent(e.recordKind(),
                        k -> guard.scope(k, Action.READ).unrestricted());
                if (all || guard.permits(repos, e.recordKind(), e.recordId(), Action.READ)) {
                    readable.add(e);
                }
            }
            long next = seen.isEmpty() ? afterPosition : seen.get(seen.size() - 1).position();
            return new EventBatch(readable, next);
        });
    }

    @Override
    public EventRelay relay(EventSink sink, RelaySettings settings) {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(settings, "settings");
        requireEverything("relay events");
        return engine.component(EventRelays.class).relay(sink, settings);
    }

    @Override
    public int purgeDelivered(Instant before) {
        Objects.requireNonNull(before, "before");
        requireEverything("purge events");
        return engine.write(tx -> tx.repos().events().purgeDelivered(before));
    }

    @Override
    public long undelivered() {
        return engine.read(repos -> repos.events().countUndelivered());
    }

    /** The relay and the purge see every event: only an actor who may read every record may start them. */
    private void requireEverything(String what) {
        for (RecordKind kind : RecordKind.values()) {
            if (!guard.scope(kind, Action.READ).unrestricted()) {
                throw new AccessDeniedException(guard.actor().user() + " may not " + what
                        + ": that is for the system or an actor who may read every record");
            }
        }
    }
}
