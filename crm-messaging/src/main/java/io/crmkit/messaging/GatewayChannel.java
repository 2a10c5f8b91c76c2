package io.crmkit.messaging;

import io.crmkit.core.DeliveryException;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.DeliveryReceipt;
import io.crmkit.core.messaging.MessageChannel;
import io.crmkit.core.messaging.MessageContent;
import io.crmkit.core.messaging.OutboundMessage;
import io.crmkit.messaging.internal.HttpGateway;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.Request;

/** What the HTTP SMS and voice channels share: turn a message into a request, post it, read the id. */
abstract class GatewayChannel implements MessageChannel {
    private final HttpGateway gateway;
    private final Function<OutboundMessage, Request> requests;
    private final Function<String, Optional<String>> providerId;
    private final String description;
    private final Class<? extends MessageContent> content;
    private final AtomicBoolean closed = new AtomicBoolean();

    GatewayChannel(HttpGateway gateway, Function<OutboundMessage, Request> requests,
                   Function<String, Optional<String>> providerId, String description,
                   Class<? extends MessageContent> content) {
        this.gateway = gateway;
        this.requests = requests;
        this.providerId = providerId;
        this.description = description;
        this.content = content;
    }

    /**
     * Posts the message to the gateway.
     *
     * @return the gateway's id for the message or call
     * @throws DeliveryException when the gateway refused it or could not be reached; permanent for content
     *                           of another kind
     * @throws IllegalStateException after {@link #close()}
     */
    @Override
    public DeliveryReceipt send(OutboundMessage message) {
        Objects.requireNonNull(message, "message");
        if (closed.get()) {
            throw new IllegalStateException(description + " is closed");
        }
        if (!content.isInstance(message.content())) {
            throw DeliveryException.permanent(description + " sends " + kind() + ", not " + message.kind(), null);
        }
        return new DeliveryReceipt(gateway.execute(requests.apply(message), providerId, message.idempotencyKey()));
    }

    @Override
    public abstract ChannelKind kind();

    /**
     * Stops this channel: later sends throw {@link IllegalStateException}. The connection pool is left to
     * the other channels sharing it (or to the host, whose client it is). Idempotent.
     */
    @Override
    public void close() {
        closed.set(true);
    }

    /** The gateway's kind and endpoint; never credentials. */
    @Override
    public String toString() {
        return description;
    }
}
