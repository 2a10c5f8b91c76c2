package io.crmkit.core.satisfaction;

import io.crmkit.core.ValidationException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.interaction.InteractionChannel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's answer to one survey question. The score is always within its kind's scale.
 *
 * @param touchpoint where in the journey it was asked: "售后回访", "checkout", "support-chat"
 */
public record SurveyResponse(SurveyResponseId id, CustomerId customerId, SurveyKind kind, int score,
                             Optional<String> comment, Optional<String> touchpoint,
                             Optional<InteractionChannel> channel, Instant respondedAt) {
    /** Longest comment, in characters (code points). */
    public static final int MAX_COMMENT = 10_000;

    public SurveyResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(kind, "kind");
        if (!kind.accepts(score)) {
            throw ValidationException.of("score", "range",
                    "must be between " + kind.min() + " and " + kind.max() + " for " + kind + " but was " + score);
        }
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(touchpoint, "touchpoint");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(respondedAt, "respondedAt");
    }

    /** The same record belonging to another customer: a merge's change (and an unmerge's). */
    public SurveyResponse withCustomer(CustomerId to) {
        return new SurveyResponse(id, to, kind, score, comment, touchpoint, channel, respondedAt);
    }
}
