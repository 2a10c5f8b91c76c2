package io.crmkit.core.internal.webhook;

import io.crmkit.core.webhook.WebhookDelivery;
import io.crmkit.core.webhook.WebhookDeliveryStatus;
import io.crmkit.core.webhook.WebhookResponse;
import io.crmkit.core.webhook.WebhookSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * What an attempt's response means: success, a failure that is retried on the schedule (408, 429, 5xx, no answer),
 * {@code 410 Gone}, or a failure that is not retried (any other status).
 */
final class Retries {
    private final WebhookSettings settings;
    private final DoubleSupplier random;

    Retries(WebhookSettings settings, DoubleSupplier random) {
        this.settings = settings;
        this.random = random;
    }

    /** The verdict on {@code delivery}'s attempt that got {@code response}, judged at {@code now}. */
    Verdict judge(WebhookDelivery delivery, WebhookResponse response, Instant now) {
        int attempt = delivery.attempts() + 1;
        if (response.statusCode().isEmpty()) {
            return retry(attempt, response.error().orElse("no answer"), Optional.empty(), now);
        }
        int status = response.statusCode().getAsInt();
        if (status >= 200 && status < 300) {
            return new Verdict(WebhookDeliveryStatus.SUCCEEDED, Optional.empty(), Optional.empty(), true, false);
        }
        if (status == 410) {
            return new Verdict(WebhookDeliveryStatus.FAILED, Optional.empty(), Optional.of("HTTP 410 Gone"), false, true);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return retry(attempt, "HTTP " + status, response.retryAfter(), now);
        }
        return new Verdict(WebhookDeliveryStatus.FAILED, Optional.empty(),
                Optional.of("HTTP " + status + ": not retried"), false, false);
    }

    private Verdict retry(int attempt, String error, Optional<String> retryAfter, Instant now) {
        if (attempt >= settings.schedule().size()) {
            return new Verdict(WebhookDeliveryStatus.FAILED, Optional.empty(),
                    Optional.of(error + "; given up after " + attempt + " attempts"), false, false);
        }
        Duration wait = jittered(settings.schedule().get(attempt));
        Optional<Duration> asked = retryAfter.flatMap(h -> parseRetryAfter(h, now));
        if (asked.isPresent() && asked.get().compareTo(wait) > 0) {
            wait = asked.get();
        }
        return new Verdict(WebhookDeliveryStatus.PENDING, Optional.of(now.plus(wait)), Optional.of(error), false, false);
    }

    private Duration jittered(Duration wait) {
        if (wait.isZero() || settings.jitter() == 0) {
            return wait;
        }
        double factor = 1 + settings.jitter() * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(0, Math.round(wait.toMillis() * factor)));
    }

    /**
     * A {@code Retry-After} header as a wait from {@code now}: delay-seconds or an HTTP date, at most
     * {@link WebhookSettings#MAX_RETRY_AFTER}; empty if it is neither.
     */
    static Optional<Duration> parseRetryAfter(String header, Instant now) {
        String value = header.strip();
        Duration wait;
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
            wait = value.length() > 9 ? WebhookSettings.MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                wait = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.of(wait.compareTo(WebhookSettings.MAX_RETRY_AFTER) > 0 ? WebhookSettings.MAX_RETRY_AFTER : wait);
    }

    /**
     * @param retryAt   when a pending delivery is due again
     * @param succeeded the endpoint answered 2xx
     * @param gone      the endpoint answered 410: disable it
     */
    record Verdict(WebhookDeliveryStatus status, Optional<Instant> retryAt, Optional<String> error, boolean succeeded,
                   boolean gone) {
    }
}
