package io.crmkit.core.internal.event;

import io.crmkit.core.event.EventRelay;
import io.crmkit.core.event.EventSink;
import io.crmkit.core.event.RelaySettings;
import io.crmkit.core.internal.Engine;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The relays of one Crm: made here, and closed with it. */
public final class EventRelays implements Engine.Component {
    private final Engine engine;
    private final Set<OutboxRelay> open = ConcurrentHashMap.newKeySet();

    private EventRelays(Engine engine) {
        this.engine = engine;
    }

    public static EventRelays install(Engine engine) {
        return engine.register(EventRelays.class, new EventRelays(engine));
    }

    EventRelay relay(EventSink sink, RelaySettings settings) {
        OutboxRelay relay = new OutboxRelay(engine.storage(), engine.clock(), sink, settings, open::remove);
        open.add(relay);
        return relay;
    }

    @Override
    public void close() {
        for (OutboxRelay relay : Set.copyOf(open)) {
            relay.close();
        }
    }
}
