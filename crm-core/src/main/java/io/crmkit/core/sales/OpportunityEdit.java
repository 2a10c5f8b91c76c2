package io.crmkit.core.sales;

import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The edit form of an opportunity, started by {@link Opportunity#edit()} with its current fields: name, amount,
 * currency, expected close date, owner, department and source campaign (the stage changes through
 * {@link OpportunityService#moveTo}). Pass it to {@code crm.opportunities().update(...)}, which refuses it with a
 * {@link io.crmkit.core.ConflictException} if the opportunity changed since {@link #baseVersion()}. The same
 * rules as {@link NewOpportunity}. Not thread-safe.
 */
public final class OpportunityEdit {
    private final Opportunity base;
    private @Nullable String name;
    private @Nullable BigDecimal amount;
    private @Nullable String currency;
    private @Nullable LocalDate expectedClose;
    private UserRef owner;
    private @Nullable DepartmentRef department;
    private @Nullable CampaignId sourceCampaign;

    OpportunityEdit(Opportunity base) {
        this.base = base;
        this.name = base.name();
        this.amount = base.amount();
        this.currency = base.currency().getCurrencyCode();
        this.expectedClose = base.expectedClose();
        this.owner = base.owner();
        this.department = base.department().orElse(null);
        this.sourceCampaign = base.sourceCampaign().orElse(null);
    }

    public OpportunityEdit name(@Nullable String name) { this.name = name; return this; }
    public OpportunityEdit amount(@Nullable BigDecimal amount) { this.amount = amount; return this; }
    /** An ISO 4217 code such as {@code USD}. */
    public OpportunityEdit currency(@Nullable String currency) { this.currency = currency; return this; }
    public OpportunityEdit currency(Currency currency) { this.currency = currency.getCurrencyCode(); return this; }
    public OpportunityEdit expectedClose(@Nullable LocalDate date) { this.expectedClose = date; return this; }
    public OpportunityEdit owner(UserRef owner) { this.owner = Objects.requireNonNull(owner, "owner"); return this; }
    /** The department; null for none. */
    public OpportunityEdit department(@Nullable DepartmentRef department) { this.department = department; return this; }
    /** The source campaign; null for none. */
    public OpportunityEdit sourceCampaign(@Nullable CampaignId campaign) { this.sourceCampaign = campaign; return this; }

    /** The opportunity as it was when the edit began. */
    public Opportunity base() { return base; }
    public OpportunityId id() { return base.id(); }
    public long baseVersion() { return base.version(); }
    public @Nullable String name() { return name; }
    public @Nullable BigDecimal amount() { return amount; }
    public @Nullable String currency() { return currency; }
    public @Nullable LocalDate expectedClose() { return expectedClose; }
    public UserRef owner() { return owner; }
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
    public Optional<CampaignId> sourceCampaign() { return Optional.ofNullable(sourceCampaign); }
}
