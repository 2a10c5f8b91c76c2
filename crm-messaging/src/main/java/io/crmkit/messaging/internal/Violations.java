package io.crmkit.messaging.internal;

import io.crmkit.core.ValidationException;
import io.crmkit.core.ValidationException.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Collects a builder's configuration errors so that {@code build()} names every bad field at once
 * in one {@link ValidationException}. Values of secret fields are never echoed.
 */
public final class Violations {
    private final List<Violation> violations = new ArrayList<>();

    public void add(String field, String code, String message) {
        violations.add(new Violation(field, code, message));
    }

    /** Records a violation unless {@code ok}; returns {@code ok}. */
    public boolean check(boolean ok, String field, String code, String message) {
        if (!ok) {
            add(field, code, message);
        }
        return ok;
    }

    /** Present and not blank. */
    public boolean required(String field, @Nullable String value) {
        return check(value != null && !value.isBlank(), field, "required", "must be set");
    }

    /** Positive and finite: timeouts are never zero, negative or infinite. */
    public void positive(String field, @Nullable Duration value) {
        if (required(field, value == null ? null : "set")) {
            check(!value.isZero() && !value.isNegative(), field, "not_positive", "must be a positive duration");
        }
    }

    public void port(String field, int port) {
        check(port >= 1 && port <= 65535, field, "range", "must be between 1 and 65535 but was " + port);
    }

    /** An absolute http or https URL. */
    public void httpUrl(String field, @Nullable String value) {
        if (!required(field, value)) {
            return;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            check((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null, field, "format",
                    "must be an absolute http or https URL");
        } catch (URISyntaxException e) {
            add(field, "format", "must be an absolute http or https URL");
        }
    }

    /** Throws one {@link ValidationException} naming every violation, if there is any. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }
}
