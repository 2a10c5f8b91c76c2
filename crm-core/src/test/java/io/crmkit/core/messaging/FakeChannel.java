package io.crmkit.core.messaging;

import io.crmkit.core.DeliveryException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A channel that records what it is given and fails as scripted. */
public class FakeChannel implements MessageChannel {
    private final ChannelKind kind;
    final List<OutboundMessage> attempts = new CopyOnWriteArrayList<>();
    final List<OutboundMessage> delivered = new CopyOnWriteArrayList<>();
    private final Deque<Function<OutboundMessage, DeliveryException>> script = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    volatile boolean closed;

    public FakeChannel(ChannelKind kind) {
        this.kind = kind;
    }

    /** The next attempts fail with these, in order; later attempts succeed. */
    synchronized FakeChannel thenFail(DeliveryException... failures) {
        for (DeliveryException f : failures) {
            script.add(m -> f);
        }
        return this;
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        attempts.add(message);
        Function<OutboundMessage, DeliveryException> next;
        synchronized (this) {
            next = script.poll();
        }
        if (next != null) {
            throw next.apply(message);
        }
        delivered.add(message);
        return new DeliveryReceipt(kind + "-" + ids.incrementAndGet());
    }

    @Override
    public void close() {
        closed = true;
    }
}
