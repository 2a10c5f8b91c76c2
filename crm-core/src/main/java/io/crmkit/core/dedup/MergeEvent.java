package io.crmkit.core.dedup;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A merge of customers, or its undoing; the record is the winner. One branch of the sealed {@link DomainEvent}. */
public sealed interface MergeEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.CUSTOMER;
    }

    @Override
    default UUID recordId() {
        return winner().value();
    }

    MergeId mergeId();

    CustomerId winner();

    List<CustomerId> losers();

    /** The losers became the winner. */
    record Merged(MergeId mergeId, CustomerId winner, List<CustomerId> losers, Instant at, UserRef actor)
            implements MergeEvent {
        public Merged {
            losers = List.copyOf(losers);
        }
    }

    /** A merge was undone: the losers are back, with what they had. */
    record Unmerged(MergeId mergeId, CustomerId winner, List<CustomerId> losers, Instant at, UserRef actor)
            implements MergeEvent {
        public Unmerged {
            losers = List.copyOf(losers);
        }
    }
}
