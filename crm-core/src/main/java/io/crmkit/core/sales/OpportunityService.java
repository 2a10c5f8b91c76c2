package io.crmkit.core.sales;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.calendar.WorkCalendar;
import io.crmkit.core.customer.CustomerId;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sales pipeline: opportunities, their moves through the stages of a {@link Pipeline}, and the forecast. From
 * {@code crm.opportunities()}; thread-safe; every call is one transaction. Opportunities are owned records: the
 * access policy's level for {@link io.crmkit.core.security.RecordKind#OPPORTUNITY} applies to their owner and
 * department, and one the actor may not read is reported as missing.
 */
public interface OpportunityService {
    /**
     * Creates an opportunity in its pipeline's first open stage (or the one the form names), owned by the acting
     * user unless the form names another owner.
     *
     * @throws io.crmkit.core.NotFoundException     if the customer does not exist or the actor may not read it
     * @throws io.crmkit.core.ValidationException   listing every invalid field, an unknown pipeline or stage among them
     * @throws io.crmkit.core.AccessDeniedException if the actor may not create it for that owner and department
     */
    Opportunity create(NewOpportunity opportunity);

    Optional<Opportunity> get(OpportunityId id);

    /** As {@link #get}, for an id that must exist. @throws NotFoundException if there is none */
    default Opportunity require(OpportunityId id) {
        return get(id).orElseThrow(() -> new NotFoundException("no opportunity " + id));
    }

    /**
     * Saves an edit form ({@link Opportunity#edit()}).
     *
     * @throws io.crmkit.core.ConflictException   if the opportunity changed since the edit began
     * @throws io.crmkit.core.ValidationException listing every invalid field
     */
    Opportunity update(OpportunityEdit edit);

    /**
     * Moves an opportunity to another stage of its pipeline, following the rules of {@link Opportunity#moveTo}: the
     * comment is the lost reason of a move to a lost stage, and required there.
     *
     * @throws io.crmkit.core.InvalidTransitionException if the rules forbid the move
     * @throws io.crmkit.core.ValidationException        for an unknown stage or a missing lost reason
     */
    Opportunity moveTo(OpportunityId id, String stageCode, @Nullable String comment);

    /** Moves it to its pipeline's won stage. */
    Opportunity win(OpportunityId id, @Nullable String comment);

    /** Moves it to its pipeline's first lost stage, for {@code reason}. */
    Opportunity lose(OpportunityId id, String reason);

    /** Notes that something was done with it now (a call, a visit): its {@link Opportunity#lastActivityAt()}. */
    Opportunity recordActivity(OpportunityId id);

    /** The matching opportunities the actor may read, by expected close date, then id. */
    Page<Opportunity> search(OpportunityQuery query, PageRequest page);

    /**
     * The stale opportunities of a pipeline that the actor may read: open ones that have had no activity (no move,
     * no {@link #recordActivity}) for more working days of {@code calendar} than their stage's
     * {@link Stage#staleAfterWorkingDays()}, counting the working days after the day of the last activity up to today
     * (in the calendar's zone). Stages without a limit are never stale. In search order.
     *
     * @throws io.crmkit.core.ValidationException on {@code pipeline} if no pipeline has this code
     */
    Page<Opportunity> stale(String pipelineCode, WorkCalendar calendar, PageRequest page);

    /** A customer's opportunities, as {@link #search} with the customer. */
    Page<Opportunity> ofCustomer(CustomerId customer, PageRequest page);

    /**
     * Sums the opportunities the actor may read by period, group, forecast category and currency, in the storage
     * (in SQL on a database): its cost grows with the rows, not with the opportunities.
     */
    Forecast forecast(ForecastQuery query);

    /**
     * Takes this week's snapshot of the forecast of every opportunity (the week's Monday in UTC), replacing one taken
     * earlier in the same week, so that {@link #forecastVsActual} can later compare it with what was won. A host runs
     * it once a week, from its scheduler.
     *
     * @return the snapshot, by month, owner and department
     * @throws io.crmkit.core.AccessDeniedException unless the actor may read every opportunity (level {@code ALL})
     */
    ForecastSnapshot snapshotForecast();

    /**
     * The snapshot of the week {@code date} is in, grouped by the query's period and grouping, with the rows of the
     * owners and departments whose opportunities the actor may read (a share of one opportunity does not open a
     * snapshot's row). A month is in the query's close range if its first day is.
     *
     * @throws io.crmkit.core.ValidationException on {@code pipeline}: snapshots hold every pipeline together
     */
    Optional<ForecastSnapshot> snapshot(LocalDate date, ForecastQuery query);

    /** The weeks (Mondays) from {@code from} (inclusive) to {@code to} (exclusive) that have a snapshot, oldest first. */
    List<LocalDate> snapshotWeeks(LocalDate from, LocalDate to);

    /**
     * For each period and group of the query: what the snapshot of the week of {@code date} expected (weighted, and
     * committed) beside what is won now, ordered by period, currency, owner and department. Won opportunities
     * count in the period of their expected close date.
     *
     * @throws io.crmkit.core.NotFoundException if that week has no snapshot the actor may read
     */
    List<ForecastComparison> forecastVsActual(LocalDate date, ForecastQuery query);

    /**
     * The win rate per open stage of a pipeline from the stage history of its closed opportunities that the actor
     * may read, shrunk toward each stage's default probability with the prior weight of {@link SalesSettings}, and
     * the Brier score of the probabilities they had. Counted in the storage (in SQL on a database).
     *
     * @throws io.crmkit.core.ValidationException on {@code pipeline} if no pipeline has this code
     */
    Calibration calibration(String pipelineCode);

    /** The configured pipelines, the default first. */
    List<Pipeline> pipelines();
}
