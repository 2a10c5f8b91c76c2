package io.crmkit.core.marketing;

import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The edit form of a campaign, started by {@link Campaign#edit()} with its current fields (the status changes
 * through {@link CampaignService#transition}). Pass it to {@code crm.campaigns().update(...)}, which refuses it with
 * a {@link io.crmkit.core.ConflictException} if the campaign changed since {@link #baseVersion()}. The same rules as
 * {@link NewCampaign}; the channel and the template change only while the campaign is a draft or scheduled. Not
 * thread-safe.
 */
public final class CampaignEdit {
    private final Campaign base;
    private @Nullable String name;
    private ChannelKind channel;
    private @Nullable LocalDate startDate;
    private @Nullable LocalDate endDate;
    private @Nullable BigDecimal budget;
    private @Nullable String currency;
    private UserRef owner;
    private @Nullable DepartmentRef department;
    private @Nullable MessageTemplate template;

    CampaignEdit(Campaign base) {
        this.base = base;
        this.name = base.name();
        this.channel = base.channel();
        this.startDate = base.startDate();
        this.endDate = base.endDate();
        this.budget = base.budget();
        this.currency = base.currency().getCurrencyCode();
        this.owner = base.owner();
        this.department = base.department().orElse(null);
        this.template = base.template().orElse(null);
    }

    public CampaignEdit name(@Nullable String name) { this.name = name; return this; }
    public CampaignEdit channel(ChannelKind channel) { this.channel = Objects.requireNonNull(channel, "channel"); return this; }
    /** The first and last day of the period. */
    public CampaignEdit period(@Nullable LocalDate start, @Nullable LocalDate end) { this.startDate = start; this.endDate = end; return this; }
    public CampaignEdit budget(@Nullable BigDecimal budget) { this.budget = budget; return this; }
    /** An ISO 4217 code such as {@code USD}. */
    public CampaignEdit currency(@Nullable String currency) { this.currency = currency; return this; }
    public CampaignEdit currency(Currency currency) { this.currency = currency.getCurrencyCode(); return this; }
    public CampaignEdit owner(UserRef owner) { this.owner = Objects.requireNonNull(owner, "owner"); return this; }
    /** The department; null for none. */
    public CampaignEdit department(@Nullable DepartmentRef department) { this.department = department; return this; }
    /** The template; null for none. */
    public CampaignEdit template(@Nullable MessageTemplate template) { this.template = template; return this; }

    /** The campaign as it was when the edit began. */
    public Campaign base() { return base; }
    public CampaignId id() { return base.id(); }
    public long baseVersion() { return base.version(); }
    public @Nullable String name() { return name; }
    public ChannelKind channel() { return channel; }
    public @Nullable LocalDate startDate() { return startDate; }
    public @Nullable LocalDate endDate() { return endDate; }
    public @Nullable BigDecimal budget() { return budget; }
    public @Nullable String currency() { return currency; }
    public UserRef owner() { return owner; }
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
    public Optional<MessageTemplate> template() { return Optional.ofNullable(template); }
}
