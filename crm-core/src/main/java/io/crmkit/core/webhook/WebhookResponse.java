package io.crmkit.core.webhook;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What came of one request: the endpoint's HTTP status and its {@code Retry-After} header, or, when no answer came
 * (a refused connection, a timeout, an address the guard refused), what went wrong.
 */
public record WebhookResponse(OptionalInt statusCode, Optional<String> retryAfter, Optional<String> error) {
    public WebhookResponse {
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(error, "error");
    }

    /** The endpoint answered {@code status}, with this {@code Retry-After} header if it sent one. */
    public static WebhookResponse answered(int status, @Nullable String retryAfter) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return new WebhookResponse(OptionalInt.of(status), Optional.ofNullable(retryAfter), Optional.empty());
    }

    /** No answer came: a connection error or timeout (retried), or a refused address (retried: the host may fix DNS). */
    public static WebhookResponse failed(String error) {
        return new WebhookResponse(OptionalInt.empty(), Optional.empty(), Optional.of(Objects.requireNonNull(error, "error")));
    }
}
