package io.crmkit.core.sales;

import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an opportunity's stage history: it entered stage {@code to} (from {@code from}, empty for the stage
 * it was created in), by whom and when, with the probability and amount it had then, and the comment of the move
 * (the lost reason for a move to a lost stage). Immutable.
 *
 * @param from        the stage it left; empty when it was created in {@code to}
 * @param to          the stage it entered
 * @param actor       who moved it
 * @param at          when
 * @param probability the probability of {@code to} at the time
 * @param amount      the opportunity's amount at the time
 * @param currency    the currency of {@code amount}
 * @param comment     why, if the mover said
 */
public record StageChange(Optional<String> from, String to, UserRef actor, Instant at, BigDecimal probability,
                          BigDecimal amount, Currency currency, Optional<String> comment) {
    public StageChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(probability, "probability");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(comment, "comment");
    }
}
