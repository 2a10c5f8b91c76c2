package io.crmkit.core.sales;

import io.crmkit.core.customer.CustomerId;
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
 * An opportunity to create:
 * {@code NewOpportunity.of(customer.id(), "年度维保合同", new BigDecimal("120000"), "CNY", LocalDate.of(2025, 6, 30)).department(sales)}.
 * Name 1 to {@value Opportunity#MAX_NAME} characters; amount 0 or more with at most 4 decimals and 15 digits before
 * the point; currency an ISO 4217 code. Without {@link #owner} the acting user owns it; without {@link #pipeline} it
 * goes into the default pipeline, and without {@link #stage} into its first open stage. Not thread-safe.
 */
public final class NewOpportunity {
    private final CustomerId customerId;
    private final @Nullable String name;
    private final @Nullable BigDecimal amount;
    private final @Nullable String currency;
    private final @Nullable LocalDate expectedClose;
    private @Nullable UserRef owner;
    private @Nullable DepartmentRef department;
    private @Nullable String pipeline;
    private @Nullable String stage;
    private @Nullable CampaignId sourceCampaign;

    private NewOpportunity(CustomerId customerId, @Nullable String name, @Nullable BigDecimal amount,
                           @Nullable String currency, @Nullable LocalDate expectedClose) {
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.name = name;
        this.amount = amount;
        this.currency = currency;
        this.expectedClose = expectedClose;
    }

    /** A new opportunity for a customer; {@code currency} is an ISO 4217 code such as {@code CNY}. */
    public static NewOpportunity of(CustomerId customerId, String name, BigDecimal amount, String currency,
                                    LocalDate expectedClose) {
        return new NewOpportunity(customerId, name, amount, currency, expectedClose);
    }

    /** As {@link #of(CustomerId, String, BigDecimal, String, LocalDate)} with a currency. */
    public static NewOpportunity of(CustomerId customerId, String name, BigDecimal amount, Currency currency,
                                    LocalDate expectedClose) {
        return new NewOpportunity(customerId, name, amount, currency.getCurrencyCode(), expectedClose);
    }

    /** Who owns it; default: the acting user. */
    public NewOpportunity owner(UserRef owner) { this.owner = Objects.requireNonNull(owner, "owner"); return this; }
    /** The department it belongs to. */
    public NewOpportunity department(DepartmentRef department) { this.department = Objects.requireNonNull(department, "department"); return this; }
    /** The code of its pipeline; default: the configured default pipeline. */
    public NewOpportunity pipeline(String pipelineCode) { this.pipeline = Objects.requireNonNull(pipelineCode, "pipelineCode"); return this; }
    /** The code of the open stage it starts in; default: the pipeline's first. */
    public NewOpportunity stage(String stageCode) { this.stage = Objects.requireNonNull(stageCode, "stageCode"); return this; }
    /** The campaign it came from. */
    public NewOpportunity sourceCampaign(CampaignId campaign) { this.sourceCampaign = Objects.requireNonNull(campaign, "campaign"); return this; }

    public CustomerId customerId() { return customerId; }
    public @Nullable String name() { return name; }
    public @Nullable BigDecimal amount() { return amount; }
    public @Nullable String currency() { return currency; }
    public @Nullable LocalDate expectedClose() { return expectedClose; }
    public Optional<UserRef> owner() { return Optional.ofNullable(owner); }
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
    public Optional<String> pipeline() { return Optional.ofNullable(pipeline); }
    public Optional<String> stage() { return Optional.ofNullable(stage); }
    public Optional<CampaignId> sourceCampaign() { return Optional.ofNullable(sourceCampaign); }
}
