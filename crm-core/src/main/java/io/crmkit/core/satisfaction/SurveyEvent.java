package io.crmkit.core.satisfaction;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.UserRef;
import java.time.Instant;

/** A survey answer. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface SurveyEvent extends DomainEvent {
    CustomerId customerId();

    /** A survey answer was recorded. */
    record Recorded(SurveyResponseId responseId, CustomerId customerId, SurveyKind kind, int score, Instant at, UserRef actor) implements SurveyEvent {
    }
}
