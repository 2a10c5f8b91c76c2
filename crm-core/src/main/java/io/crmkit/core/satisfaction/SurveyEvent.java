package io.crmkit.core.satisfaction;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.UUID;

/** A survey answer. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface SurveyEvent extends DomainEvent {
    SurveyResponseId responseId();

    @Override
    default RecordKind recordKind() {
        return RecordKind.SURVEY;
    }

    @Override
    default UUID recordId() {
        return responseId().value();
    }

    CustomerId customerId();

    /** A survey answer was recorded. */
    record Recorded(SurveyResponseId responseId, CustomerId customerId, SurveyKind kind, int score, Instant at, UserRef actor) implements SurveyEvent {
    }
}
