package io.crmkit.core.webhook;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/** A change to a webhook endpoint. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface WebhookEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.WEBHOOK_ENDPOINT;
    }

    @Override
    default UUID recordId() {
        return endpointId().value();
    }

    WebhookEndpointId endpointId();

    /** The endpoint's version after the change. */
    long version();

    @Override
    default OptionalLong recordVersion() {
        return OptionalLong.of(version());
    }

    /** An endpoint was registered. */
    record Registered(WebhookEndpointId endpointId, String url, long version, Instant at, UserRef actor)
            implements WebhookEvent {
    }

    /**
     * An endpoint was disabled: by a user, after it answered {@code 410 Gone}, or after its deliveries failed for
     * longer than {@link WebhookSettings#disableAfter()} (then {@code actor} is the system).
     */
    record Disabled(WebhookEndpointId endpointId, String reason, long version, Instant at, UserRef actor)
            implements WebhookEvent {
    }

    /** A disabled endpoint was enabled again. */
    record Enabled(WebhookEndpointId endpointId, long version, Instant at, UserRef actor) implements WebhookEvent {
    }
}
