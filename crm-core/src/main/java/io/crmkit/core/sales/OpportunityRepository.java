package io.crmkit.core.sales;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerReferences;
import io.crmkit.core.security.AccessScope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Storage port for opportunities, with their stage history. Listings hold only what their {@link AccessScope}
 * admits: an opportunity by its owner, its department, or an opportunity share.
 */
public interface OpportunityRepository extends CustomerReferences {
    /** @throws io.crmkit.core.ConflictException if its id is taken */
    void insert(Opportunity opportunity);

    Optional<Opportunity> findById(OpportunityId id);

    /** The opportunity with this id; {@link NotFoundException} if there is none. */
    default Opportunity require(OpportunityId id) {
        return findById(id).orElseThrow(() -> new NotFoundException("no opportunity " + id));
    }

    /**
     * Replaces an opportunity whose stored version is {@code opportunity.version() - 1}, with its stage history
     * (which only grows).
     *
     * @throws io.crmkit.core.ConflictException if the stored version differs
     * @throws io.crmkit.core.NotFoundException if there is no such opportunity
     */
    void update(Opportunity opportunity);

    /** Matching opportunities that the scope admits, by expected close date, then id. */
    Page<Opportunity> search(OpportunityQuery query, AccessScope scope, PageRequest page);

    /**
     * The sums of the matching opportunities that the scope admits, one row per calendar month of the expected
     * close date (whatever the query's period: the service folds months into quarters), group of the query,
     * category and currency, in any order. The weighted sums are exact (not yet rounded).
     */
    List<ForecastRow> forecastByMonth(ForecastQuery query, AccessScope scope);

    /**
     * For each of {@code stages} that a closed opportunity (won or lost) of the pipeline admitted by the scope
     * entered, what became of them ({@link StageOutcome}); stages none entered may be left out.
     */
    List<StageOutcome> stageOutcomes(String pipelineCode, java.util.Set<String> stages, AccessScope scope);

    /**
     * Stores the rows of the forecast snapshot of {@code week} (grouped by owner and department, by month, with exact
     * sums), replacing any snapshot of that week.
     */
    void replaceSnapshot(LocalDate week, Instant takenAt, List<ForecastRow> rows);

    /** The snapshot of {@code week}, every row of it; empty if none was taken. */
    Optional<ForecastSnapshot> snapshot(LocalDate week);

    /** The weeks with a snapshot from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    List<LocalDate> snapshotWeeks(LocalDate from, LocalDate to);
}
