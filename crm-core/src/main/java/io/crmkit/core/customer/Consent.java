package io.crmkit.core.customer;

import java.time.Instant;
import java.util.Objects;

/**
 * Consent for one channel: opted in or out, when, and where the answer came from
 * (a web form, a call, an unsubscribe link).
 */
public record Consent(ContactChannel channel, ConsentStatus status, Instant at, String source) {
    public Consent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(source, "source");
    }

    public boolean optedOut() {
        return status == ConsentStatus.OPTED_OUT;
    }
}
