package io.crmkit.core.webhook;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The form to register a webhook endpoint: its URL, the event types it wants (none: every event), a description,
 * and its secret (a new random one unless given).
 *
 * <pre>{@code
 * WebhookEndpoint erp = crm.webhooks().register(NewWebhookEndpoint.of("https://erp.example.com/crm-events")
 *     .eventTypes("customer.*", "service_case.transitioned").description("ERP customer sync"));
 * }</pre>
 */
public final class NewWebhookEndpoint {
    private final String url;
    private Set<String> eventTypes = Set.of();
    private @Nullable String description;
    private @Nullable WebhookSecret secret;

    private NewWebhookEndpoint(String url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    public static NewWebhookEndpoint of(String url) {
        return new NewWebhookEndpoint(url);
    }

    /** {@code customer.updated}, or {@code customer.*} for every event of a kind. */
    public NewWebhookEndpoint eventTypes(String... types) {
        this.eventTypes = Set.of(Objects.requireNonNull(types, "types"));
        return this;
    }

    public NewWebhookEndpoint eventTypes(Set<String> types) {
        this.eventTypes = Set.copyOf(Objects.requireNonNull(types, "types"));
        return this;
    }

    public NewWebhookEndpoint description(String text) {
        this.description = Objects.requireNonNull(text, "text");
        return this;
    }

    /** The secret to sign with, when the receiver already has one; otherwise one is generated. */
    public NewWebhookEndpoint secret(WebhookSecret value) {
        this.secret = Objects.requireNonNull(value, "value");
        return this;
    }

    public String url() {
        return url;
    }

    public Set<String> eventTypes() {
        return eventTypes;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public Optional<WebhookSecret> secret() {
        return Optional.ofNullable(secret);
    }
}
