package io.crmkit.analytics.feedback;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One piece of customer feedback for {@link FeedbackTopics}: a survey comment, an email, a chat.
 *
 * @param text    what the customer wrote
 * @param at      when
 * @param product the product it is about, when the host knows it; products named in the text are found too
 */
public record FeedbackText(String text, Instant at, Optional<String> product) {
    public FeedbackText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(product, "product");
    }

    public static FeedbackText of(String text, Instant at) {
        return new FeedbackText(text, at, Optional.empty());
    }
}
