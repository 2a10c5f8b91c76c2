package io.crmkit.core.internal.sales;

import io.crmkit.core.NotFoundException;
import io.crmkit.core.ValidationException;
import io.crmkit.core.internal.Engine;
import io.crmkit.core.internal.Guard;
import io.crmkit.core.sales.ForecastCategory;
import io.crmkit.core.sales.ForecastComparison;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.ForecastSnapshot;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The weekly forecast snapshots of one actor's {@link TransactionalOpportunityService}: taken of every opportunity at
 * the finest grouping (month, owner and department, category, currency), read as far as the actor's scope admits the
 * owner and department of a row (shares name single opportunities, which a snapshot no longer knows), then grouped as
 * the reader asks.
 */
final class ForecastSnapshots {
    private static final ForecastQuery FINEST = ForecastQuery.byMonth().byOwnerAndDepartment();

    private final Engine engine;
    private final Guard guard;

    ForecastSnapshots(Engine engine, Guard guard) {
        this.engine = engine;
        this.guard = guard;
    }

    /** The Monday of the week {@code date} is in. */
    static LocalDate weekOf(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    ForecastSnapshot take() {
        if (guard.level(RecordKind.OPPORTUNITY, Action.READ) != AccessLevel.ALL) {
            throw guard.denied(Action.READ, RecordKind.OPPORTUNITY, "every opportunity, as a forecast snapshot needs");
        }
        return engine.write(tx -> {
            LocalDate week = weekOf(LocalDate.ofInstant(tx.now(), ZoneOffset.UTC));
            List<ForecastRow> rows = tx.repos().opportunities().forecastByMonth(FINEST, AccessScope.everything());
            tx.repos().opportunities().replaceSnapshot(week, tx.now(), rows);
            return new ForecastSnapshot(week, tx.now(), TransactionalOpportunityService.fold(FINEST, rows));
        });
    }

    Optional<ForecastSnapshot> read(LocalDate date, ForecastQuery query) {
        if (query.pipeline().isPresent()) {
            throw ValidationException.of("pipeline", "not_in_snapshot",
                    "a forecast snapshot sums every pipeline together: ask for it without a pipeline");
        }
        AccessScope scope = guard.scope(RecordKind.OPPORTUNITY, Action.READ);
        if (scope.isNothing()) {
            return Optional.empty();
        }
        return engine.read(repos -> repos.opportunities().snapshot(weekOf(date)))
                .map(s -> new ForecastSnapshot(s.week(), s.takenAt(), TransactionalOpportunityService.fold(query,
                        s.rows().stream().filter(r -> scope.admits(r.owner(), r.department()) && inRange(query, r))
                                .map(r -> regroup(query, r)).toList())));
    }

    List<LocalDate> weeks(LocalDate from, LocalDate to) {
        return engine.read(repos -> repos.opportunities().snapshotWeeks(from, to));
    }

    List<ForecastComparison> compare(LocalDate date, ForecastQuery query, Function<ForecastQuery, List<ForecastRow>> now) {
        ForecastSnapshot then = read(date, query).orElseThrow(() -> new NotFoundException(
                "no forecast snapshot of the week of " + weekOf(date)));
        Map<Key, BigDecimal[]> sums = new TreeMap<>();
        for (ForecastRow r : then.rows()) {
            BigDecimal[] s = sums.computeIfAbsent(Key.of(r), k -> zeros());
            s[0] = s[0].add(r.weighted());
            if (r.category().filter(c -> c == ForecastCategory.COMMIT || c == ForecastCategory.CLOSED_WON).isPresent()) {
                s[1] = s[1].add(r.amount());
            }
        }
        for (ForecastRow r : now.apply(query)) {
            if (r.category().equals(Optional.of(ForecastCategory.CLOSED_WON)) && inRange(query, r)) {
                BigDecimal[] s = sums.computeIfAbsent(Key.of(r), k -> zeros());
                s[2] = s[2].add(r.amount());
            }
        }
        List<ForecastComparison> out = new ArrayList<>(sums.size());
        sums.forEach((k, s) -> out.add(new ForecastComparison(k.period(), k.owner(), k.department(), k.currency(),
                s[0], s[1], s[2])));
        return out;
    }

    /** A period and group of a comparison, ordered by period, currency, owner and department. */
    private record Key(LocalDate period, Currency currency, Optional<UserRef> owner, Optional<DepartmentRef> department)
            implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::period)
                .thenComparing(k -> k.currency().getCurrencyCode())
                .thenComparing(k -> k.owner().map(UserRef::id).orElse(""))
                .thenComparing(k -> k.department().map(DepartmentRef::id).orElse(""));

        static Key of(ForecastRow r) {
            return new Key(r.period(), r.currency(), r.owner(), r.department());
        }

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    }

    /** A month row of a snapshot is in the query's close range if its first day is. */
    private static boolean inRange(ForecastQuery q, ForecastRow r) {
        return q.closeFrom().map(f -> !r.period().isBefore(ForecastQuery.Period.MONTH.start(f))).orElse(true)
                && q.closeTo().map(t -> r.period().isBefore(t)).orElse(true);
    }

    /** The row with only the owner and department the query groups by. */
    private static ForecastRow regroup(ForecastQuery q, ForecastRow r) {
        return new ForecastRow(r.period(), q.groupBy().byOwner() ? r.owner() : Optional.empty(),
                q.groupBy().byDepartment() ? r.department() : Optional.empty(), r.category(), r.currency(), r.count(),
                r.amount(), r.weighted());
    }
}
