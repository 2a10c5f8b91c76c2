package io.crmkit.core.marketing;

import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.StatusChange;
import io.crmkit.core.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A marketing campaign: a name, the messaging channel it sends on, its period (first and last day, both included),
 * its budget, where it stands ({@link CampaignStatus}), who owns it (a user, and optionally their department:
 * together they decide who sees it, as for opportunities), the template its messages are made from, and every status
 * it went through. Its members are kept apart ({@link CampaignMember}). Immutable; behaviour methods return the
 * changed campaign with the next version.
 */
public final class Campaign {
    /** Longest name, in characters (code points). */
    public static final int MAX_NAME = 200;
    /** Most decimals of a budget. */
    public static final int MAX_SCALE = 4;
    /** Most digits of a budget before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** Longest template subject, in characters. */
    public static final int MAX_TEMPLATE_SUBJECT = 200;
    /** Longest template text or HTML, in characters. */
    public static final int MAX_TEMPLATE_TEXT = 100_000;
    /** Longest period, in days. */
    public static final int MAX_DAYS = 3_660;
    /** Earliest and latest year of the period. */
    public static final int MIN_YEAR = 1900;
    /** The latest year of the period. */
    public static final int MAX_YEAR = 9999;

    private final CampaignId id;
    private final String name;
    private final ChannelKind channel;
    private final LocalDate startDate;
    private final LocalDate endDate;
    private final BigDecimal budget;
    private final Currency currency;
    private final CampaignStatus status;
    private final UserRef owner;
    private final @Nullable DepartmentRef department;
    private final @Nullable MessageTemplate template;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;
    private final List<StatusChange<CampaignStatus>> statusHistory;

    /** For adapters and the campaign service; validation happens in the service. */
    public Campaign(CampaignId id, String name, ChannelKind channel, LocalDate startDate, LocalDate endDate,
                    BigDecimal budget, Currency currency, CampaignStatus status, UserRef owner,
                    Optional<DepartmentRef> department, Optional<MessageTemplate> template, Instant createdAt,
                    Instant updatedAt, long version, List<StatusChange<CampaignStatus>> statusHistory) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.startDate = Objects.requireNonNull(startDate, "startDate");
        this.endDate = Objects.requireNonNull(endDate, "endDate");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.status = Objects.requireNonNull(status, "status");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.department = department.orElse(null);
        this.template = template.orElse(null);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
        this.statusHistory = List.copyOf(statusHistory);
    }

    /** The same campaign with these fields (an edit form, already validated), the next version, updated at {@code at}. */
    public Campaign edit(String name, ChannelKind channel, LocalDate startDate, LocalDate endDate, BigDecimal budget,
                         Currency currency, UserRef owner, Optional<DepartmentRef> department,
                         Optional<MessageTemplate> template, Instant at) {
        return new Campaign(id, name, channel, startDate, endDate, budget, currency, status, owner, department, template,
                createdAt, at, version + 1, statusHistory);
    }

    /**
     * Moves the campaign to another status, adding the move to its history.
     *
     * @throws io.crmkit.core.InvalidTransitionException if the workflow forbids it
     */
    public Campaign transition(Workflow<CampaignStatus> workflow, CampaignStatus to, UserRef actor, Instant at,
                               Optional<String> comment) {
        workflow.check(status, to, "campaign " + id);
        List<StatusChange<CampaignStatus>> h = new ArrayList<>(statusHistory);
        h.add(new StatusChange<>(status, to, actor, at, comment));
        return new Campaign(id, name, channel, startDate, endDate, budget, currency, to, owner, department(), template(),
                createdAt, at, version + 1, h);
    }

    /** An edit form holding the current fields, for {@link CampaignService#update}. */
    public CampaignEdit edit() {
        return new CampaignEdit(this);
    }

    /** Whether {@code day} lies in its period (both ends included). */
    public boolean isActiveOn(LocalDate day) {
        return !day.isBefore(startDate) && !day.isAfter(endDate);
    }

    public CampaignId id() { return id; }
    public String name() { return name; }
    /** The messaging channel its messages go out on. */
    public ChannelKind channel() { return channel; }
    /** The first day of its period. */
    public LocalDate startDate() { return startDate; }
    /** The last day of its period, included. */
    public LocalDate endDate() { return endDate; }
    /** What it may cost, in {@link #currency()}. */
    public BigDecimal budget() { return budget; }
    public Currency currency() { return currency; }
    public CampaignStatus status() { return status; }
    /** The user who owns it. */
    public UserRef owner() { return owner; }
    /** The department it belongs to, if any. */
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
    /** The template its messages are made from; without one {@link CampaignService#send} refuses to send. */
    public Optional<MessageTemplate> template() { return Optional.ofNullable(template); }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public long version() { return version; }
    /** Every status change, oldest first. */
    public List<StatusChange<CampaignStatus>> statusHistory() { return statusHistory; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Campaign x && x.id.equals(id) && x.version == version && x.name.equals(name)
                && x.channel == channel && x.startDate.equals(startDate) && x.endDate.equals(endDate)
                && x.budget.equals(budget) && x.currency.equals(currency) && x.status == status && x.owner.equals(owner)
                && Objects.equals(x.department, department) && Objects.equals(x.template, template)
                && x.createdAt.equals(createdAt) && x.updatedAt.equals(updatedAt) && x.statusHistory.equals(statusHistory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Campaign[id=" + id + ", name=" + name + ", channel=" + channel + ", status=" + status + ", version="
                + version + "]";
    }
}
