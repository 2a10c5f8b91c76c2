package io.crmkit.core.sales;

import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which opportunities {@code search} returns: every criterion given must hold. Stage codes match in any pipeline
 * unless a pipeline is named; the expected close date is in {@code [closeFrom, closeTo)}. Immutable:
 * {@code OpportunityQuery.all().owner(user).openOnly().closingBetween(april, july)}.
 *
 * @param customerId only this customer's
 * @param owner      only those this user owns
 * @param department only those of this department
 * @param pipeline   only those in this pipeline
 * @param stages     only those in one of these stages; empty for any
 * @param onlyOpen   only those in an open stage (not won or lost)
 * @param closeFrom  expected to close on or after this date
 * @param closeTo    expected to close before this date
 * @param idleBefore only open ones in one of these stages whose last activity was before the stage's instant (the
 *                   stale deals of {@link OpportunityService#stale}); empty for any
 */
public record OpportunityQuery(Optional<CustomerId> customerId, Optional<UserRef> owner, Optional<DepartmentRef> department,
                               Optional<String> pipeline, Set<String> stages, boolean onlyOpen,
                               Optional<LocalDate> closeFrom, Optional<LocalDate> closeTo, Map<String, Instant> idleBefore) {
    /** Most stage codes in one query. */
    public static final int MAX_STAGES = 50;
    private static final OpportunityQuery ALL = new OpportunityQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Set.of(), false, Optional.empty(), Optional.empty(), Map.of());

    public OpportunityQuery {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(pipeline, "pipeline");
        stages = Set.copyOf(stages);
        Objects.requireNonNull(closeFrom, "closeFrom");
        Objects.requireNonNull(closeTo, "closeTo");
        idleBefore = Map.copyOf(idleBefore);
        if (stages.size() > MAX_STAGES || idleBefore.size() > MAX_STAGES) {
            throw io.crmkit.core.ValidationException.of("stages", "too_many", "must be at most " + MAX_STAGES + " stage codes");
        }
    }

    /** Every opportunity. */
    public static OpportunityQuery all() {
        return ALL;
    }

    public OpportunityQuery customer(CustomerId customer) {
        return new OpportunityQuery(Optional.of(customer), owner, department, pipeline, stages, onlyOpen, closeFrom, closeTo, idleBefore);
    }

    public OpportunityQuery owner(UserRef user) {
        return new OpportunityQuery(customerId, Optional.of(user), department, pipeline, stages, onlyOpen, closeFrom, closeTo, idleBefore);
    }

    public OpportunityQuery department(DepartmentRef dept) {
        return new OpportunityQuery(customerId, owner, Optional.of(dept), pipeline, stages, onlyOpen, closeFrom, closeTo, idleBefore);
    }

    public OpportunityQuery pipeline(String code) {
        return new OpportunityQuery(customerId, owner, department, Optional.of(code), stages, onlyOpen, closeFrom, closeTo, idleBefore);
    }

    public OpportunityQuery stages(String... codes) {
        return new OpportunityQuery(customerId, owner, department, pipeline, Set.of(codes), onlyOpen, closeFrom, closeTo, idleBefore);
    }

    /** Only open opportunities. */
    public OpportunityQuery openOnly() {
        return new OpportunityQuery(customerId, owner, department, pipeline, stages, true, closeFrom, closeTo, idleBefore);
    }

    /** Expected to close in {@code [from, to)}. */
    public OpportunityQuery closingBetween(LocalDate from, LocalDate to) {
        return new OpportunityQuery(customerId, owner, department, pipeline, stages, onlyOpen, Optional.of(from), Optional.of(to), idleBefore);
    }

    /**
     * Only open opportunities in one of the stages of {@code lastActivityBefore} whose last activity came before the
     * instant given for their stage.
     */
    public OpportunityQuery idleBefore(Map<String, Instant> lastActivityBefore) {
        return new OpportunityQuery(customerId, owner, department, pipeline, stages, onlyOpen, closeFrom, closeTo,
                lastActivityBefore);
    }

    /** Whether the opportunity meets every criterion (access aside): the meaning storage implements. */
    public boolean matches(Opportunity o) {
        return customerId.map(c -> c.equals(o.customerId())).orElse(true)
                && owner.map(u -> u.equals(o.owner())).orElse(true)
                && department.map(d -> o.department().equals(Optional.of(d))).orElse(true)
                && pipeline.map(p -> p.equals(o.pipelineCode())).orElse(true)
                && (stages.isEmpty() || stages.contains(o.stageCode()))
                && (!onlyOpen || o.isOpen())
                && closeFrom.map(f -> !o.expectedClose().isBefore(f)).orElse(true)
                && closeTo.map(t -> o.expectedClose().isBefore(t)).orElse(true)
                && (idleBefore.isEmpty() || o.isOpen() && idleBefore.containsKey(o.stageCode())
                        && o.lastActivityAt().isBefore(idleBefore.get(o.stageCode())));
    }
}
