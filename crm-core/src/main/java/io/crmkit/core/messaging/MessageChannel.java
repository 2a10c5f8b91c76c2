package io.crmkit.core.messaging;

/**
 * A transport for one {@link ChannelKind}: SMTP for email, an HTTP gateway for SMS or voice. Register
 * one per kind on the builder. Implementations are thread-safe, keep connections for reuse, and never
 * write secrets into logs, {@code toString()} or exceptions.
 */
public interface MessageChannel extends AutoCloseable {
    /** The kind of message this channel sends. */
    ChannelKind kind();

    /**
     * Hands one message to the provider.
     *
     * @return the provider's id for the message
     * @throws io.crmkit.core.DeliveryException when it could not; {@link io.crmkit.core.DeliveryException#isRetryable()}
     *                                          tells whether a later attempt may succeed
     */
    DeliveryReceipt send(OutboundMessage message);

    /** Releases connections. */
    @Override
    default void close() {
    }
}
