package io.crmkit.analytics.feedback;

import io.crmkit.analytics.text.Entity;
import io.crmkit.analytics.text.Sentiment;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.service.ServiceCase;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FeedbackIntake#receive} did with one text.
 *
 * @param interaction the inbound interaction it logged, with the analysis as its outcome
 * @param sentiment   the text's sentiment
 * @param entities    the CRM entities found in it, with their spans
 * @param purchases   the customer's purchases whose external id is an order number it names, in the text's order
 * @param serviceCase the case it opened or added to, if it was negative or named an order
 * @param opened      whether that case is new (false: an open case of the customer naming the same order)
 */
public record FeedbackResult(Interaction interaction, Sentiment sentiment, List<Entity> entities,
                             List<Purchase> purchases, Optional<ServiceCase> serviceCase, boolean opened) {
    public FeedbackResult {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(sentiment, "sentiment");
        entities = List.copyOf(entities);
        purchases = List.copyOf(purchases);
        Objects.requireNonNull(serviceCase, "serviceCase");
    }
}
