package io.crmkit.core.webhook;

import io.crmkit.core.event.EventRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A URL of the host's (an ERP, an OA system) that receives the CRM's events as signed HTTP requests: which event
 * types it wants, the secret they are signed with (and the previous one while a rotation's grace period lasts),
 * whether it is enabled, and since when its deliveries have been failing. Immutable; each change returns a copy one
 * version on.
 */
public final class WebhookEndpoint {
    /** The longest URL. */
    public static final int MAX_URL = 2_000;
    /** The longest description. */
    public static final int MAX_DESCRIPTION = 500;
    /** The most event types one endpoint names. */
    public static final int MAX_EVENT_TYPES = 100;
    /** The longest reason for disabling. */
    public static final int MAX_REASON = 500;

    private final WebhookEndpointId id;
    private final String url;
    private final Optional<String> description;
    private final Set<String> eventTypes;
    private final WebhookSecret secret;
    private final Optional<WebhookSecret> previousSecret;
    private final Optional<Instant> previousSecretUntil;
    private final WebhookEndpointStatus status;
    private final Optional<String> disabledReason;
    private final Optional<Instant> failingSince;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    /** All fields, for storage adapters; services create endpoints with {@code crm.webhooks().register(...)}. */
    public WebhookEndpoint(WebhookEndpointId id, String url, Optional<String> description, Set<String> eventTypes,
                           WebhookSecret secret, Optional<WebhookSecret> previousSecret,
                           Optional<Instant> previousSecretUntil, WebhookEndpointStatus status,
                           Optional<String> disabledReason, Optional<Instant> failingSince, Instant createdAt,
                           Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.url = Objects.requireNonNull(url, "url");
        this.description = Objects.requireNonNull(description, "description");
        this.eventTypes = Set.copyOf(new TreeSet<>(eventTypes));
        this.secret = Objects.requireNonNull(secret, "secret");
        this.previousSecret = Objects.requireNonNull(previousSecret, "previousSecret");
        this.previousSecretUntil = Objects.requireNonNull(previousSecretUntil, "previousSecretUntil");
        this.status = Objects.requireNonNull(status, "status");
        this.disabledReason = Objects.requireNonNull(disabledReason, "disabledReason");
        this.failingSince = Objects.requireNonNull(failingSince, "failingSince");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    public WebhookEndpointId id() {
        return id;
    }

    /** Where deliveries are posted. */
    public String url() {
        return url;
    }

    public Optional<String> description() {
        return description;
    }

    /**
     * The event types delivered ({@code customer.updated}, or {@code customer.*} for every event of a record kind);
     * empty: every event.
     */
    public Set<String> eventTypes() {
        return eventTypes;
    }

    /** Whether events of {@code type} ({@link EventRecord#type()}) go to this endpoint. */
    public boolean accepts(String type) {
        if (eventTypes.isEmpty() || eventTypes.contains(type)) {
            return true;
        }
        int dot = type.indexOf('.');
        return dot > 0 && eventTypes.contains(type.substring(0, dot) + ".*");
    }

    /** The current signing secret. */
    public WebhookSecret secret() {
        return secret;
    }

    /** The secret before the last rotation, while deliveries are still signed with it too. */
    public Optional<WebhookSecret> previousSecret() {
        return previousSecret;
    }

    /** Until when deliveries are signed with the previous secret too. */
    public Optional<Instant> previousSecretUntil() {
        return previousSecretUntil;
    }

    /** The secrets a delivery at {@code now} is signed with: the current one, and the previous one in its grace period. */
    public List<WebhookSecret> signingSecrets(Instant now) {
        List<WebhookSecret> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret.isPresent() && previousSecretUntil.isPresent() && now.isBefore(previousSecretUntil.get())) {
            secrets.add(previousSecret.get());
        }
        return List.copyOf(secrets);
    }

    public WebhookEndpointStatus status() {
        return status;
    }

    public boolean isEnabled() {
        return status == WebhookEndpointStatus.ENABLED;
    }

    /** Why it was disabled, while it is. */
    public Optional<String> disabledReason() {
        return disabledReason;
    }

    /** Since when every attempt failed: the first failure after the last success; empty while it succeeds. */
    public Optional<Instant> failingSince() {
        return failingSince;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Starts at 1; each change adds 1. */
    public long version() {
        return version;
    }

    /** A copy at a new URL. */
    public WebhookEndpoint withUrl(String newUrl, Instant now) {
        return new WebhookEndpoint(id, newUrl, description, eventTypes, secret, previousSecret, previousSecretUntil,
                status, disabledReason, failingSince, createdAt, now, version + 1);
    }

    /** A copy receiving these event types (empty: every event). */
    public WebhookEndpoint withEventTypes(Set<String> types, Instant now) {
        return new WebhookEndpoint(id, url, description, types, secret, previousSecret, previousSecretUntil, status,
                disabledReason, failingSince, createdAt, now, version + 1);
    }

    /** A copy signing with {@code next}, and with the current secret too until {@code graceUntil}. */
    public WebhookEndpoint rotated(WebhookSecret next, Instant graceUntil, Instant now) {
        return new WebhookEndpoint(id, url, description, eventTypes, next, Optional.of(secret), Optional.of(graceUntil),
                status, disabledReason, failingSince, createdAt, now, version + 1);
    }

    /** A disabled copy. */
    public WebhookEndpoint disabled(String reason, Instant now) {
        return new WebhookEndpoint(id, url, description, eventTypes, secret, previousSecret, previousSecretUntil,
                WebhookEndpointStatus.DISABLED, Optional.of(reason), failingSince, createdAt, now, version + 1);
    }

    /** An enabled copy, its failures forgotten. */
    public WebhookEndpoint enabled(Instant now) {
        return new WebhookEndpoint(id, url, description, eventTypes, secret, previousSecret, previousSecretUntil,
                WebhookEndpointStatus.ENABLED, Optional.empty(), Optional.empty(), createdAt, now, version + 1);
    }

    /**
     * After a delivery attempt at {@code at}: failing no more after a success; failing since {@code at} (unless it
     * already was) after a failure; and disabled for {@code disable} if given. One version on if anything changed,
     * else this endpoint.
     */
    public WebhookEndpoint attempted(boolean succeeded, Instant at, Optional<String> disable) {
        Optional<Instant> failing = succeeded ? Optional.empty() : Optional.of(failingSince.orElse(at));
        boolean disabling = disable.isPresent() && isEnabled();
        if (failing.equals(failingSince) && !disabling) {
            return this;
        }
        return new WebhookEndpoint(id, url, description, eventTypes, secret, previousSecret, previousSecretUntil,
                disabling ? WebhookEndpointStatus.DISABLED : status, disabling ? disable : disabledReason, failing,
                createdAt, at, version + 1);
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + id + " " + url + " " + status + " v" + version + "]";
    }
}
