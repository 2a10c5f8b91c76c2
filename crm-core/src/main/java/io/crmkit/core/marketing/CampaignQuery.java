package io.crmkit.core.marketing;

import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which campaigns {@code search} returns: every criterion given must hold. Immutable:
 * {@code CampaignQuery.all().statuses(RUNNING).channel(ChannelKind.EMAIL).activeOn(today)}.
 *
 * @param statuses   only those in one of these statuses; empty for any
 * @param owner      only those this user owns
 * @param department only those of this department
 * @param channel    only those sending on this channel
 * @param activeOn   only those whose period holds this day
 */
public record CampaignQuery(Set<CampaignStatus> statuses, Optional<UserRef> owner, Optional<DepartmentRef> department,
                            Optional<ChannelKind> channel, Optional<LocalDate> activeOn) {
    private static final CampaignQuery ALL = new CampaignQuery(Set.of(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public CampaignQuery {
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(activeOn, "activeOn");
    }

    /** Every campaign. */
    public static CampaignQuery all() {
        return ALL;
    }

    public CampaignQuery statuses(CampaignStatus... s) {
        return new CampaignQuery(Set.of(s), owner, department, channel, activeOn);
    }

    public CampaignQuery owner(UserRef user) {
        return new CampaignQuery(statuses, Optional.of(user), department, channel, activeOn);
    }

    public CampaignQuery department(DepartmentRef dept) {
        return new CampaignQuery(statuses, owner, Optional.of(dept), channel, activeOn);
    }

    public CampaignQuery channel(ChannelKind kind) {
        return new CampaignQuery(statuses, owner, department, Optional.of(kind), activeOn);
    }

    /** Whose period (first to last day, both included) holds {@code day}. */
    public CampaignQuery activeOn(LocalDate day) {
        return new CampaignQuery(statuses, owner, department, channel, Optional.of(day));
    }

    /** Whether the campaign meets every criterion (access aside): the meaning storage implements. */
    public boolean matches(Campaign c) {
        return (statuses.isEmpty() || statuses.contains(c.status()))
                && owner.map(u -> u.equals(c.owner())).orElse(true)
                && department.map(d -> c.department().equals(Optional.of(d))).orElse(true)
                && channel.map(k -> k == c.channel()).orElse(true)
                && activeOn.map(c::isActiveOn).orElse(true);
    }
}
