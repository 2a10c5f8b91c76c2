package io.crmkit.core.memory;

import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.sales.ForecastCategory;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.ForecastSnapshot;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.sales.OpportunityQuery;
import io.crmkit.core.sales.OpportunityRepository;
import io.crmkit.core.sales.StageChange;
import io.crmkit.core.sales.StageOutcome;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.spi.Cursor;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Opportunities by id; the forecast is summed in one pass over them, holding one sum per row of the result. Forecast
 * snapshots are kept whole, one per week.
 */
record MemoryOpportunities(Table<Opportunity> table, Table<ForecastSnapshot> snapshots, MemoryAccess access)
        implements OpportunityRepository {
    private static final Keyset<Opportunity, Cursor.DateKey> BY_CLOSE =
            Keyset.byDate(Opportunity::expectedClose, o -> o.id().value());

    @Override
    public void insert(Opportunity opportunity) {
        table.insert(opportunity.id().value(), opportunity);
    }

    @Override
    public Optional<Opportunity> findById(OpportunityId id) {
        return table.get(id.value());
    }

    @Override
    public void update(Opportunity opportunity) {
        table.replace(opportunity.id().value(), opportunity, Opportunity::version, "opportunity");
    }

    @Override
    public Page<Opportunity> search(OpportunityQuery query, AccessScope scope, PageRequest page) {
        return BY_CLOSE.page(table.all().filter(o -> query.matches(o) && access.admits(scope, o)), page);
    }

    @Override
    public List<ForecastRow> forecastByMonth(ForecastQuery query, AccessScope scope) {
        Map<List<Object>, Sum> sums = new HashMap<>();
        table.all().filter(o -> query.matches(o) && access.admits(scope, o)).forEach(o -> {
            ForecastRow key = keyOf(query, o);
            sums.computeIfAbsent(List.of(key.period(), key.owner(), key.department(), key.category(), key.currency()),
                    k -> new Sum(key)).add(o);
        });
        List<ForecastRow> rows = new ArrayList<>(sums.size());
        sums.values().forEach(s -> rows.add(s.row()));
        return rows;
    }

    @Override
    public List<StageOutcome> stageOutcomes(String pipelineCode, Set<String> stages, AccessScope scope) {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Double> squared = new HashMap<>();
        table.all().filter(o -> o.pipelineCode().equals(pipelineCode) && !o.isOpen() && access.admits(scope, o)).forEach(o -> {
            int outcome = o.category() == ForecastCategory.CLOSED_WON ? 1 : 0;
            Set<String> entered = new HashSet<>();
            for (StageChange c : o.stageHistory()) {
                if (!stages.contains(c.to())) {
                    continue;
                }
                long[] n = counts.computeIfAbsent(c.to(), k -> new long[3]);
                if (entered.add(c.to())) {
                    n[0]++;
                    n[1] += outcome;
                }
                n[2]++;
                double error = c.probability().doubleValue() - outcome;
                squared.merge(c.to(), error * error, Double::sum);
            }
        });
        List<StageOutcome> out = new ArrayList<>();
        counts.forEach((stage, n) -> out.add(new StageOutcome(stage, n[0], n[1], n[2], squared.getOrDefault(stage, 0.0))));
        return out;
    }

    @Override
    public void replaceSnapshot(LocalDate week, Instant takenAt, List<ForecastRow> rows) {
        snapshots.upsert(weekId(week), new ForecastSnapshot(week, takenAt, rows));
    }

    @Override
    public Optional<ForecastSnapshot> snapshot(LocalDate week) {
        return snapshots.get(weekId(week));
    }

    @Override
    public List<LocalDate> snapshotWeeks(LocalDate from, LocalDate to) {
        return snapshots.all().map(ForecastSnapshot::week).filter(w -> !w.isBefore(from) && w.isBefore(to)).sorted().toList();
    }

    private static UUID weekId(LocalDate week) {
        return new UUID(0, week.toEpochDay());
    }

    /** A row with the grouping of {@code o} and no sums yet. */
    private static ForecastRow keyOf(ForecastQuery query, Opportunity o) {
        LocalDate month = o.expectedClose().withDayOfMonth(1);
        return new ForecastRow(month,
                query.groupBy().byOwner() ? Optional.of(o.owner()) : Optional.empty(),
                query.groupBy().byDepartment() ? o.department() : Optional.empty(),
                Optional.of(o.category()), o.currency(), 0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** The running sums of one row. */
    private static final class Sum {
        private final ForecastRow key;
        private long count;
        private BigDecimal amount = BigDecimal.ZERO;
        private BigDecimal weighted = BigDecimal.ZERO;

        Sum(ForecastRow key) {
            this.key = key;
        }

        void add(Opportunity o) {
            count++;
            amount = amount.add(o.amount());
            weighted = weighted.add(o.weightedAmount());
        }

        ForecastRow row() {
            return new ForecastRow(key.period(), key.owner(), key.department(), key.category(), key.currency(), count,
                    amount, weighted);
        }
    }

    @Override
    public List<UUID> reassignCustomer(CustomerId from, CustomerId to) {
        return table.replaceWhere(r -> r.customerId().equals(from), r -> r.withCustomer(to), null);
    }

    @Override
    public List<UUID> reassignCustomer(Collection<UUID> ids, CustomerId from, CustomerId to) {
        return table.replaceWhere(r -> r.customerId().equals(from), r -> r.withCustomer(to), ids);
    }
}
