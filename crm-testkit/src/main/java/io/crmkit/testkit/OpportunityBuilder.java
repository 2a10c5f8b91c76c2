package io.crmkit.testkit;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.sales.ForecastCategory;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.sales.Pipeline;
import io.crmkit.core.sales.Stage;
import io.crmkit.core.sales.StageChange;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link Opportunity} for tests; start one with {@link TestData#opportunity}. It starts in the first stage
 * of {@link Pipeline#DEFAULT}, owned by {@code "agent-1"}, with that stage as its history; {@link #stage(String)} sets
 * the current stage (with its probability and category) without history, {@link #move} appends to the history and
 * moves it. Not thread-safe.
 */
public final class OpportunityBuilder {
    private OpportunityId id;
    private CustomerId customerId;
    private String name;
    private BigDecimal amount;
    private Currency currency;
    private LocalDate expectedClose;
    private String pipelineCode = Pipeline.DEFAULT_CODE;
    private String stageCode;
    private BigDecimal probability;
    private ForecastCategory category;
    private String ownerId = "agent-1";
    private @Nullable DepartmentRef department;
    private @Nullable CampaignId sourceCampaign;
    private @Nullable String lostReason;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant lastActivityAt;
    private long version = 1;
    private final List<StageChange> history = new ArrayList<>();

    OpportunityBuilder(OpportunityId id, CustomerId customerId, String name, BigDecimal amount, String currency,
                       LocalDate expectedClose, Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.name = name;
        this.amount = amount;
        this.currency = Currency.getInstance(currency);
        this.expectedClose = expectedClose;
        Stage first = Pipeline.DEFAULT.first();
        this.stageCode = first.code();
        this.probability = first.probability();
        this.category = first.category();
        this.createdAt = now;
        this.updatedAt = now;
        this.lastActivityAt = now;
        history.add(new StageChange(Optional.empty(), first.code(), UserRef.of(ownerId), now, first.probability(), amount,
                this.currency, Optional.empty()));
    }

    public OpportunityBuilder id(OpportunityId id) { this.id = id; return this; }
    public OpportunityBuilder customer(CustomerId customerId) { this.customerId = customerId; return this; }
    public OpportunityBuilder name(String name) { this.name = name; return this; }
    public OpportunityBuilder amount(String amount) { this.amount = new BigDecimal(amount); return this; }
    public OpportunityBuilder currency(String currency) { this.currency = Currency.getInstance(currency); return this; }
    public OpportunityBuilder expectedClose(LocalDate date) { this.expectedClose = date; return this; }
    public OpportunityBuilder pipeline(String code) { this.pipelineCode = code; return this; }
    public OpportunityBuilder owner(String ownerId) { this.ownerId = ownerId; return this; }
    public OpportunityBuilder department(@Nullable DepartmentRef department) { this.department = department; return this; }
    public OpportunityBuilder sourceCampaign(@Nullable CampaignId campaign) { this.sourceCampaign = campaign; return this; }
    public OpportunityBuilder lostReason(@Nullable String reason) { this.lostReason = reason; return this; }
    public OpportunityBuilder createdAt(Instant at) { this.createdAt = at; return this; }
    public OpportunityBuilder updatedAt(Instant at) { this.updatedAt = at; return this; }
    public OpportunityBuilder lastActivityAt(Instant at) { this.lastActivityAt = at; return this; }
    public OpportunityBuilder version(long version) { this.version = version; return this; }

    /** Sets the current stage of {@link Pipeline#DEFAULT}, its probability and category, without history. */
    public OpportunityBuilder stage(String code) {
        Stage s = Pipeline.DEFAULT.requireStage(code);
        this.stageCode = s.code();
        this.probability = s.probability();
        this.category = s.category();
        return this;
    }

    /** Sets a stage by hand: for pipelines other than the default. */
    public OpportunityBuilder stage(String code, String probability, ForecastCategory category) {
        this.stageCode = code;
        this.probability = new BigDecimal(probability).setScale(Stage.PROBABILITY_SCALE);
        this.category = category;
        return this;
    }

    /** Appends a move to a stage of {@link Pipeline#DEFAULT} to the history and makes it the current stage. */
    public OpportunityBuilder move(String to, String actorId, Instant at, @Nullable String comment) {
        Stage s = Pipeline.DEFAULT.requireStage(to);
        history.add(new StageChange(Optional.of(stageCode), s.code(), UserRef.of(actorId), at, s.probability(), amount, currency,
                Optional.ofNullable(comment)));
        return stage(to);
    }

    /** Replaces the history with none: for adapters' edge cases. */
    public OpportunityBuilder noHistory() {
        history.clear();
        return this;
    }

    public Opportunity build() {
        return new Opportunity(id, customerId, name, amount, currency, expectedClose, pipelineCode, stageCode, probability,
                category, UserRef.of(ownerId), Optional.ofNullable(department), Optional.ofNullable(sourceCampaign),
                Optional.ofNullable(lostReason), createdAt, updatedAt, lastActivityAt, version, history);
    }
}
