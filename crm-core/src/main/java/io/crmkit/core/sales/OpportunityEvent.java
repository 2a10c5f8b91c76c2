package io.crmkit.core.sales;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A change to an opportunity. One branch of the sealed {@link DomainEvent}: switch over its records. A move to the
 * won or a lost stage raises {@link StageChanged} and then {@link Won} or {@link Lost}.
 */
public sealed interface OpportunityEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.OPPORTUNITY;
    }

    @Override
    default UUID recordId() {
        return opportunityId().value();
    }

    OpportunityId opportunityId();

    /** An opportunity was created. */
    record Created(OpportunityId opportunityId, CustomerId customerId, Instant at, UserRef actor) implements OpportunityEvent {
    }

    /** Its fields changed through an edit, or an activity was recorded for it. */
    record Updated(OpportunityId opportunityId, long version, Instant at, UserRef actor) implements OpportunityEvent {
        @Override
        public OptionalLong recordVersion() {
            return OptionalLong.of(version);
        }

    }

    /** It moved from one stage to another. */
    record StageChanged(OpportunityId opportunityId, String from, String to, Instant at, UserRef actor)
            implements OpportunityEvent {
    }

    /** It moved to the won stage. */
    record Won(OpportunityId opportunityId, Instant at, UserRef actor) implements OpportunityEvent {
    }

    /** It moved to a lost stage. */
    record Lost(OpportunityId opportunityId, Instant at, UserRef actor) implements OpportunityEvent {
    }
}
