package io.crmkit.core.sales;

import io.crmkit.core.InvalidTransitionException;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
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
 * A possible sale to a customer, moving through the stages of a {@link Pipeline}: what it is worth (amount and
 * currency), when it is expected to close, who owns it (a user, and optionally their department: together they
 * decide who sees it, as for tasks), where it came from (a campaign), and every stage it went through. Immutable;
 * behaviour methods return the changed opportunity with the next version.
 *
 * <p>The probability and forecast category are those of its stage when it entered it, kept with the record so
 * that storage can sum forecasts without knowing the pipelines. Moves between stages follow {@link #moveTo}.
 */
public final class Opportunity {
    /** Longest name, in characters (code points). */
    public static final int MAX_NAME = 200;
    /** Longest lost reason or move comment, in characters. */
    public static final int MAX_COMMENT = 2_000;
    /** Most decimals of an amount. */
    public static final int MAX_SCALE = 4;
    /** Most digits of an amount before the decimal point. */
    public static final int MAX_INTEGER_DIGITS = 15;

    private final OpportunityId id;
    private final CustomerId customerId;
    private final String name;
    private final BigDecimal amount;
    private final Currency currency;
    private final LocalDate expectedClose;
    private final String pipelineCode;
    private final String stageCode;
    private final BigDecimal probability;
    private final ForecastCategory category;
    private final UserRef owner;
    private final @Nullable DepartmentRef department;
    private final @Nullable CampaignId sourceCampaign;
    private final @Nullable String lostReason;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Instant lastActivityAt;
    private final long version;
    private final List<StageChange> stageHistory;

    /** For adapters and the opportunity service; validation happens in the service. */
    public Opportunity(OpportunityId id, CustomerId customerId, String name, BigDecimal amount, Currency currency,
                       LocalDate expectedClose, String pipelineCode, String stageCode, BigDecimal probability,
                       ForecastCategory category, UserRef owner, Optional<DepartmentRef> department,
                       Optional<CampaignId> sourceCampaign, Optional<String> lostReason, Instant createdAt,
                       Instant updatedAt, Instant lastActivityAt, long version, List<StageChange> stageHistory) {
        this.id = Objects.requireNonNull(id, "id");
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.name = Objects.requireNonNull(name, "name");
        this.amount = Objects.requireNonNull(amount, "amount");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.expectedClose = Objects.requireNonNull(expectedClose, "expectedClose");
        this.pipelineCode = Objects.requireNonNull(pipelineCode, "pipelineCode");
        this.stageCode = Objects.requireNonNull(stageCode, "stageCode");
        this.probability = Objects.requireNonNull(probability, "probability");
        this.category = Objects.requireNonNull(category, "category");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.department = department.orElse(null);
        this.sourceCampaign = sourceCampaign.orElse(null);
        this.lostReason = lostReason.orElse(null);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.lastActivityAt = Objects.requireNonNull(lastActivityAt, "lastActivityAt");
        this.version = version;
        this.stageHistory = List.copyOf(stageHistory);
    }

    /**
     * The same opportunity with these fields changed (an edit form, already validated), the next version, and
     * {@code at} as its update and activity time. The stage and its history stay.
     */
    public Opportunity edit(String name, BigDecimal amount, Currency currency, LocalDate expectedClose, UserRef owner,
                            Optional<DepartmentRef> department, Optional<CampaignId> sourceCampaign, Instant at) {
        return new Opportunity(id, customerId, name, amount, currency, expectedClose, pipelineCode, stageCode, probability,
                category, owner, department, sourceCampaign, lostReason(), createdAt, at, at, version + 1, stageHistory);
    }

    /**
     * Moves the opportunity to another stage of its pipeline, adding the move to its history with the stage's
     * probability and the amount at the time. The rules:
     * <ul>
     *   <li>Open stages may follow each other in any order, forwards or back (deals skip and repeat steps).</li>
     *   <li>A move to a lost stage needs a reason ({@code comment}), kept as {@link #lostReason()}.</li>
     *   <li>A lost opportunity may be reopened: moved to an open stage, which clears its lost reason (the history
     *       keeps it). It may not go from lost to won or to another lost stage without being reopened first.</li>
     *   <li>A won opportunity is final: a deal that comes back is a new opportunity.</li>
     *   <li>A move to the stage it is in is refused.</li>
     * </ul>
     *
     * @throws InvalidTransitionException if the rules forbid the move
     * @throws io.crmkit.core.ValidationException on {@code lostReason} if a move to a lost stage has no reason
     */
    public Opportunity moveTo(Stage to, UserRef actor, Instant at, Optional<String> comment) {
        Objects.requireNonNull(to, "to");
        String subject = "opportunity " + id;
        if (to.code().equals(stageCode)
                || category == ForecastCategory.CLOSED_WON
                || (category == ForecastCategory.CLOSED_LOST && to.isClosed())) {
            throw new InvalidTransitionException(stageCode, to.code(), subject);
        }
        boolean lost = to.category() == ForecastCategory.CLOSED_LOST;
        if (lost && comment.isEmpty()) {
            throw io.crmkit.core.ValidationException.of("lostReason", "required", "a move to a lost stage needs a reason");
        }
        List<StageChange> history = new ArrayList<>(stageHistory);
        history.add(new StageChange(Optional.of(stageCode), to.code(), actor, at, to.probability(), amount, currency, comment));
        return new Opportunity(id, customerId, name, amount, currency, expectedClose, pipelineCode, to.code(),
                to.probability(), to.category(), owner, department(), sourceCampaign(), lost ? comment : Optional.empty(),
                createdAt, at, at, version + 1, history);
    }

    /** The same record belonging to another customer, at the next version: a merge's change (and an unmerge's). */
    public Opportunity withCustomer(CustomerId to) {
        return new Opportunity(id, to, name, amount, currency, expectedClose, pipelineCode, stageCode, probability,
                category, owner, department(), sourceCampaign(), lostReason(), createdAt, updatedAt, lastActivityAt,
                version + 1, stageHistory);
    }

    /** The same opportunity with {@code at} as its last activity (if later), at the next version. */
    public Opportunity touch(Instant at) {
        Instant last = at.isAfter(lastActivityAt) ? at : lastActivityAt;
        return new Opportunity(id, customerId, name, amount, currency, expectedClose, pipelineCode, stageCode, probability,
                category, owner, department(), sourceCampaign(), lostReason(), createdAt, updatedAt, last, version + 1,
                stageHistory);
    }

    /** An edit form holding the current fields, for {@link OpportunityService#update}. */
    public OpportunityEdit edit() {
        return new OpportunityEdit(this);
    }

    /** Whether it is in an open stage (not won or lost). */
    public boolean isOpen() {
        return !category.isClosed();
    }

    /** {@code amount} times the probability of its stage. */
    public BigDecimal weightedAmount() {
        return amount.multiply(probability);
    }

    public OpportunityId id() { return id; }
    public CustomerId customerId() { return customerId; }
    public String name() { return name; }
    public BigDecimal amount() { return amount; }
    public Currency currency() { return currency; }
    public LocalDate expectedClose() { return expectedClose; }
    /** The code of its {@link Pipeline}. */
    public String pipelineCode() { return pipelineCode; }
    /** The code of its current {@link Stage}. */
    public String stageCode() { return stageCode; }
    /** The probability of winning, from its stage when it entered it. */
    public BigDecimal probability() { return probability; }
    /** The forecast category of its stage. */
    public ForecastCategory category() { return category; }
    /** The user who owns it. */
    public UserRef owner() { return owner; }
    /** The department it belongs to, if any. */
    public Optional<DepartmentRef> department() { return Optional.ofNullable(department); }
    /** The campaign it came from, if known. */
    public Optional<CampaignId> sourceCampaign() { return Optional.ofNullable(sourceCampaign); }
    /** Why it was lost; present only while it is in a lost stage. */
    public Optional<String> lostReason() { return Optional.ofNullable(lostReason); }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    /** The last time something was done with it: a change, a move, or an activity recorded for it. */
    public Instant lastActivityAt() { return lastActivityAt; }
    public long version() { return version; }
    /** Every stage it entered, oldest first, starting with the one it was created in. */
    public List<StageChange> stageHistory() { return stageHistory; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Opportunity x && x.id.equals(id) && x.version == version && x.customerId.equals(customerId)
                && x.name.equals(name) && x.amount.equals(amount) && x.currency.equals(currency)
                && x.expectedClose.equals(expectedClose) && x.pipelineCode.equals(pipelineCode)
                && x.stageCode.equals(stageCode) && x.probability.equals(probability) && x.category == category
                && x.owner.equals(owner) && Objects.equals(x.department, department)
                && Objects.equals(x.sourceCampaign, sourceCampaign) && Objects.equals(x.lostReason, lostReason)
                && x.createdAt.equals(createdAt) && x.updatedAt.equals(updatedAt) && x.lastActivityAt.equals(lastActivityAt)
                && x.stageHistory.equals(stageHistory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    @Override
    public String toString() {
        return "Opportunity[id=" + id + ", name=" + name + ", stage=" + pipelineCode + "/" + stageCode + ", amount="
                + amount.toPlainString() + " " + currency + ", version=" + version + "]";
    }
}
