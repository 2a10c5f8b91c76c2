package io.crmkit.core.webhook;

/**
 * Moves a webhook request over the wire: the SPI of webhook delivery, a single method as OkHttp's
 * {@code Interceptor} is. crm-webhooks' {@code OkHttpWebhookTransport} is the HTTP one. A transport signs the body
 * it writes ({@link WebhookSignature}), refuses addresses its {@link #guard()} refuses at connect time, and never
 * throws for a failed request: it returns {@link WebhookResponse#failed(String)}. Called from one dispatcher thread
 * at a time per CRM, but must be thread-safe when several CRMs share it.
 */
public interface WebhookTransport extends AutoCloseable {
    /** Sends one request and says what came of it. */
    WebhookResponse send(WebhookRequest request);

    /** The addresses this transport refuses: endpoints are checked against it when registered. Strict unless set. */
    default AddressGuard guard() {
        return AddressGuard.strict();
    }

    /** Releases the transport's connections; called by {@code crm.close()}. */
    @Override
    default void close() {
    }
}
