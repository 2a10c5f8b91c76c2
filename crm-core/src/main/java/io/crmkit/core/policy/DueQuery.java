package io.crmkit.core.policy;

import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.messaging.ChannelKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a storage needs to list the due customers of a policy on one date, the dates already turned into instants by
 * the service. A customer is due when every condition holds:
 * <ul>
 *   <li>it matches {@code segment} (archived customers only if the segment includes them) and the access scope;</li>
 *   <li>{@code cadence} EVERY: no contact on {@code channel} in {@code [since, until)}; an event trigger: an event
 *       (purchase, case closed, survey {@code survey} below {@code scoreBelow}) in {@code [since, until)} with no contact
 *       on {@code channel} at or after it and before {@code until};</li>
 *   <li>consent: for {@code consent} an opt-in when {@code optInRequired}, else no opt-out; none for an empty one;</li>
 *   <li>an address for a message of kind {@code address}: an email, or a phone number;</li>
 *   <li>under every cap of {@code caps};</li>
 *   <li>no pause window of the customer's overlapping {@code [dayStart, until)} (global ones the service checks
 *       before it asks);</li>
 *   <li>no contact of this policy stored for {@code date}.</li>
 * </ul>
 * A contact is an outbound interaction that is not {@link InteractionChannel#OTHER} and not a refused message.
 *
 * @param only  when present, the query asks about this customer alone
 * @param caps the caps that are set, each a window start, maybe a channel, and the most contacts allowed in
 *             {@code [since, until)}
 */
public record DueQuery(PolicyId policyId, CustomerQuery segment, LocalDate date, InteractionChannel channel,
                       Cadence cadence, Optional<ContactChannel> consent, boolean optInRequired,
                       Optional<ChannelKind> address, Instant since, Instant dayStart, Instant until, List<Cap> caps,
                       Optional<io.crmkit.core.customer.CustomerId> only) {
    /** One cap: at most {@code max} contacts (on {@code channel}, or any) at or after {@code since}. */
    public record Cap(Optional<InteractionChannel> channel, Instant since, long max) {
        public Cap {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(since, "since");
        }
    }

    public DueQuery {
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(dayStart, "dayStart");
        Objects.requireNonNull(until, "until");
        caps = List.copyOf(caps);
        Objects.requireNonNull(only, "only");
    }

    /** The same query for one customer only: whether it is due. */
    public DueQuery only(io.crmkit.core.customer.CustomerId customer) {
        return new DueQuery(policyId, segment, date, channel, cadence, consent, optInRequired, address, since, dayStart,
                until, caps, Optional.of(customer));
    }
}
