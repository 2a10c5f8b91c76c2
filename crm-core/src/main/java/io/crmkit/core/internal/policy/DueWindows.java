package io.crmkit.core.internal.policy;

import io.crmkit.core.interaction.InteractionChannel;
import io.crmkit.core.policy.CommunicationPolicy;
import io.crmkit.core.policy.ContactLimits;
import io.crmkit.core.policy.ContactRefusal;
import io.crmkit.core.policy.DueQuery;
import io.crmkit.core.policy.PolicySettings;
import io.crmkit.core.policy.PressureCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instants of one due date in the settings' zone: the day {@code [dayStart, until)}, the rolling week (the date and
 * the 6 days before) and month (the date and the 29 days before), and the cadence's window (the date and the
 * {@code days - 1} before); the caps that are set, and which of them a customer's counts break.
 */
record DueWindows(LocalDate date, Instant dayStart, Instant weekStart, Instant monthStart, Instant until) {
    static final int WEEK_DAYS = 7;
    static final int MONTH_DAYS = 30;

    static DueWindows of(LocalDate date, ZoneId zone) {
        return new DueWindows(date, start(date, zone), start(date.minusDays(WEEK_DAYS - 1), zone),
                start(date.minusDays(MONTH_DAYS - 1), zone), start(date.plusDays(1), zone));
    }

    private static Instant start(LocalDate d, ZoneId zone) {
        return d.atStartOfDay(zone).toInstant();
    }

    /** The query of the policy's due customers on this date. */
    DueQuery query(CommunicationPolicy p, PolicySettings settings, ZoneId zone) {
        Instant since = start(date.minusDays(p.cadence().days() - 1L), zone);
        InteractionChannel channel = p.method().timelineChannel();
        return new DueQuery(p.id(), p.segment(), date, channel, p.cadence(), p.channel(), settings.requireOptIn(),
                p.method().messageKind(), since, dayStart, until, caps(settings.total(), settings.channel(channel), channel), Optional.empty());
    }

    private List<DueQuery.Cap> caps(ContactLimits total, ContactLimits perChannel, InteractionChannel channel) {
        List<DueQuery.Cap> caps = new ArrayList<>();
        add(caps, Optional.empty(), total);
        add(caps, Optional.of(channel), perChannel);
        return caps;
    }

    private void add(List<DueQuery.Cap> caps, Optional<InteractionChannel> channel, ContactLimits limits) {
        if (limits.perDay() != ContactLimits.UNLIMITED) {
            caps.add(new DueQuery.Cap(channel, dayStart, limits.perDay()));
        }
        if (limits.perWeek() != ContactLimits.UNLIMITED) {
            caps.add(new DueQuery.Cap(channel, weekStart, limits.perWeek()));
        }
        if (limits.perMonth() != ContactLimits.UNLIMITED) {
            caps.add(new DueQuery.Cap(channel, monthStart, limits.perMonth()));
        }
    }

    /** The first cap the counts reach, and a sentence saying so; empty when under every cap. */
    static Optional<Refused> broken(PressureCounts n, ContactLimits total, ContactLimits channel, InteractionChannel on) {
        if (n.day() >= total.perDay()) {
            return refused(ContactRefusal.DAILY_CAP, n.day(), total.perDay(), "today");
        }
        if (n.week() >= total.perWeek()) {
            return refused(ContactRefusal.WEEKLY_CAP, n.week(), total.perWeek(), "in the last 7 days");
        }
        if (n.month() >= total.perMonth()) {
            return refused(ContactRefusal.MONTHLY_CAP, n.month(), total.perMonth(), "in the last 30 days");
        }
        if (n.channelDay() >= channel.perDay()) {
            return refused(ContactRefusal.CHANNEL_DAILY_CAP, n.channelDay(), channel.perDay(), on + " today");
        }
        if (n.channelWeek() >= channel.perWeek()) {
            return refused(ContactRefusal.CHANNEL_WEEKLY_CAP, n.channelWeek(), channel.perWeek(), on + " in the last 7 days");
        }
        if (n.channelMonth() >= channel.perMonth()) {
            return refused(ContactRefusal.CHANNEL_MONTHLY_CAP, n.channelMonth(), channel.perMonth(),
                    on + " in the last 30 days");
        }
        return Optional.empty();
    }

    private static Optional<Refused> refused(ContactRefusal why, long count, int cap, String when) {
        return Optional.of(new Refused(why, count + " contacts " + when + " reach the cap of " + cap));
    }

    /** A refusal and its sentence. */
    record Refused(ContactRefusal why, String detail) {
    }
}
