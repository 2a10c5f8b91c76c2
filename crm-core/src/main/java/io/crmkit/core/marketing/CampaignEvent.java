package io.crmkit.core.marketing;

import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/** A change to a campaign or its members. One branch of the sealed {@link DomainEvent}: switch over its records. */
public sealed interface CampaignEvent extends DomainEvent {
    @Override
    default RecordKind recordKind() {
        return RecordKind.CAMPAIGN;
    }

    @Override
    default UUID recordId() {
        return campaignId().value();
    }

    CampaignId campaignId();

    /** A campaign was created. */
    record Created(CampaignId campaignId, Instant at, UserRef actor) implements CampaignEvent {
    }

    /** Its fields changed through an edit. */
    record Updated(CampaignId campaignId, long version, Instant at, UserRef actor) implements CampaignEvent {
        @Override
        public OptionalLong recordVersion() {
            return OptionalLong.of(version);
        }

    }

    /** It moved from one status to another. */
    record StatusChanged(CampaignId campaignId, CampaignStatus from, CampaignStatus to, Instant at, UserRef actor)
            implements CampaignEvent {
    }

    /** Customers became members: {@code added} new ones in one batch. */
    record MembersAdded(CampaignId campaignId, int added, Instant at, UserRef actor) implements CampaignEvent {
    }

    /** Members changed status: one member sent to (or not, with a reason) or marked. */
    record MembersChanged(CampaignId campaignId, MemberStatus status, int count, Instant at, UserRef actor)
            implements CampaignEvent {
    }
}
