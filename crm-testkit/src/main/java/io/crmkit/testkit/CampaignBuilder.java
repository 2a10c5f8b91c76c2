package io.crmkit.testkit;

import io.crmkit.core.marketing.Campaign;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.marketing.CampaignStatus;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.StatusChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Campaign} for tests; start one with {@link TestData#campaign}. It is a draft SMS campaign of the
 * month from today, with a budget of 1000 CNY, owned by {@code "marketer-1"}, without department or template, version
 * 1; {@link #move} appends a status change and moves it. Not thread-safe.
 */
public final class CampaignBuilder {
    private CampaignId id;
    private String name;
    private ChannelKind channel = ChannelKind.SMS;
    private LocalDate startDate;
    private LocalDate endDate;
    private BigDecimal budget = new BigDecimal("1000");
    private Currency currency = Currency.getInstance("CNY");
    private CampaignStatus status = CampaignStatus.DRAFT;
    private String ownerId = "marketer-1";
    private @Nullable DepartmentRef department;
    private @Nullable MessageTemplate template;
    private Instant createdAt;
    private Instant updatedAt;
    private long version = 1;
    private final List<StatusChange<CampaignStatus>> history = new ArrayList<>();

    CampaignBuilder(CampaignId id, String name, LocalDate today, Instant now) {
        this.id = id;
        this.name = name;
        this.startDate = today;
        this.endDate = today.plusDays(30);
        this.createdAt = now;
        this.updatedAt = now;
    }

    public CampaignBuilder id(CampaignId id) { this.id = id; return this; }
    public CampaignBuilder name(String name) { this.name = name; return this; }
    public CampaignBuilder channel(ChannelKind channel) { this.channel = channel; return this; }
    public CampaignBuilder period(LocalDate start, LocalDate end) { this.startDate = start; this.endDate = end; return this; }
    public CampaignBuilder budget(String amount, String currency) { this.budget = new BigDecimal(amount); this.currency = Currency.getInstance(currency); return this; }
    public CampaignBuilder status(CampaignStatus status) { this.status = status; return this; }
    public CampaignBuilder owner(String ownerId) { this.ownerId = ownerId; return this; }
    public CampaignBuilder department(@Nullable DepartmentRef department) { this.department = department; return this; }
    public CampaignBuilder template(@Nullable MessageTemplate template) { this.template = template; return this; }
    public CampaignBuilder createdAt(Instant at) { this.createdAt = at; return this; }
    public CampaignBuilder updatedAt(Instant at) { this.updatedAt = at; return this; }
    public CampaignBuilder version(long version) { this.version = version; return this; }

    /** Appends a move from the current status to {@code to} to the history, and moves it there. */
    public CampaignBuilder move(CampaignStatus to, String actorId, Instant at, @Nullable String comment) {
        history.add(new StatusChange<>(status, to, UserRef.of(actorId), at, Optional.ofNullable(comment)));
        this.status = to;
        return this;
    }

    public Campaign build() {
        return new Campaign(id, name, channel, startDate, endDate, budget, currency, status, UserRef.of(ownerId),
                Optional.ofNullable(department), Optional.ofNullable(template), createdAt, updatedAt, version, history);
    }
}
