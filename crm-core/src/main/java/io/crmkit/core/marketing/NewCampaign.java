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
 * A campaign to create:
 * {@code NewCampaign.of("春季促销", ChannelKind.SMS, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), new BigDecimal("5000"), "CNY").template(t)}.
 * Name 1 to {@value Campaign#MAX_NAME} characters; the period's end on or after its start, at most
 * {@value Campaign#MAX_DAYS} days; budget 0 or more with at most {@value Campaign#MAX_SCALE} decimals and
 * {@value Campaign#MAX_INTEGER_DIGITS} digits before the point; currency an ISO 4217 code. Without {@link #owner}
 * the acting user owns it. It starts as a {@link CampaignStatus#DRAFT} (the workflow's initial status). Not
 * thread-safe.
 */
public final class NewCampaign {
    private final @Nullable String name;
    private final ChannelKind channel;
    private final @Nullable LocalDate startDate;
    private final @Nullable LocalDate endDate;
    private final @Nullable BigDecimal budget;
    private final @Nullable String currency;
    private @Nullable UserRef owner;
    private @Nullable DepartmentRef department;
    private @Nullable MessageTemplate template;

    private NewCampaign(@Nullable String name, ChannelKind channel, @Nullable LocalDate startDate,
                        @Nullable LocalDate endDate, @Nullable BigDecimal budget, @Nullable String currency) {
        this.name = name;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.startDate = startDate;
        this.endDate = endDate;
        this.budget = budget;
        this.currency = currency;
    }

    /** A new campaign; {@code currency} is an ISO 4217 code such as {@code CNY}. */
    public static NewCampaign of(@Nullable String name, ChannelKind channel, @Nullable LocalDate startDate,
                                 @Nullable LocalDate endDate, @Nullable BigDecimal budget, @Nullable String currency) {
        return new NewCampaign(name, channel, startDate, endDate, budget, currency);
    }

    /** As {@link #of(String, ChannelKind, LocalDate, LocalDate, BigDecimal, String)} with a currency. */
    public static NewCampaign of(String name, ChannelKind channel, LocalDate startDate, LocalDate endDate,
                                 BigDecimal budget, Currency currency) {
        return new NewCampaign(name, channel, startDate, endDate, budget, currency.getCurrencyCode());
    }

    /** Who owns it; default: the acting user. */
    public NewCampaign owner(UserRef owner) { this.owner = Objects.requireNonNull(owner, "owner"); return this; }
    /** The department it belongs to. */
    public NewCampaign department(DepartmentRef department) { this.department = Objects.requireNonNull(department, "department"); return this; }
    /** The template its messages are made from; the variable {@code name} is the customer's display name. */
    public NewCampaign template(MessageTemplate template) { this.template = Objects.requireNonNull(template, "template"); return this; }

    public @Nullable String name() { return name; }
    public ChannelKind channel() { return channel; }
    public @Nullable LocalDate startDate() { return startDate; }
    public @Nullable LocalDate endDate() { return endDate; }
    public @Nullable BigDecimal budget() { return budget; }
    public @Nullable String currency() { return currency; }
    public Optional<UserRef> owner() { return Optional.ofNullable(owner); }
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
    public Optional<MessageTemplate> template() { return Optional.ofNullable(template); }
}
