package io.crmkit.core.event;

import java.util.List;

/**
 * Where an {@link EventRelay} hands events: a message broker, a webhook, the host's own queue. The SPI of the
 * relay: a single method, as OkHttp's {@code Interceptor} is.
 */
@FunctionalInterface
public interface EventSink {
    /**
     * Delivers {@code events} (one or more, in position order, every event of a record after the ones before it)
     * durably, or throws. Returning means every event arrived: the relay then marks them delivered. Throwing means
     * some may not have: the relay hands the same events again later, so a sink may deliver an event more than
     * once, never fewer; consumers de-duplicate by {@link EventRecord#id()}.
     */
    void publish(List<EventRecord> events) throws Exception;
}
