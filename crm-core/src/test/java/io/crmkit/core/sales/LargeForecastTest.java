package io.crmkit.core.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A forecast over 120,000 opportunities: one row per period, owner, category and currency, sums exact. */
class LargeForecastTest {
    private static final int N = 120_000;

    @Test
    void aForecastOverManyOpportunitiesHoldsOneRowPerGroup() {
        InMemoryStorage storage = InMemoryStorage.create();
        CustomerId customer = new CustomerId(UUID.randomUUID());
        Instant now = Instant.parse(TestCrm.START);
        List<Stage> stages = Pipeline.DEFAULT.stages();
        BigDecimal expectedWeighted = BigDecimal.ZERO;
        storage.inTransaction(r -> {
            for (int i = 0; i < N; i++) {
                Stage s = stages.get(i % stages.size());
                Opportunity o = new Opportunity(new OpportunityId(new UUID(i, i)), customer, "o" + i, new BigDecimal("100.25"),
                        Currency.getInstance(i % 3 == 0 ? "USD" : "CNY"), LocalDate.of(2025, 1 + i % 12, 1 + i % 28),
                        Pipeline.DEFAULT_CODE, s.code(), s.probability(), s.category(), UserRef.of("u" + i % 5),
                        Optional.of(DepartmentRef.of("d" + i % 2)), Optional.empty(), Optional.empty(), now, now, now, 1, List.of());
                r.opportunities().insert(o);
            }
            return null;
        });
        for (int i = 0; i < N; i++) {
            expectedWeighted = expectedWeighted.add(new BigDecimal("100.25").multiply(stages.get(i % stages.size()).probability()));
        }
        try (Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START)).storage(storage).build()) {
            Forecast f = crm.opportunities().forecast(ForecastQuery.byQuarter().byOwner());

            assertThat(f.totals()).hasSize(4 * 5 * 2); // quarters, owners, currencies
            assertThat(f.byCategory().size()).isLessThanOrEqualTo(4 * 5 * 2 * ForecastCategory.values().length);
            assertThat(f.totals().stream().mapToLong(ForecastRow::count).sum()).isEqualTo(N);
            assertThat(f.totals().stream().map(ForecastRow::weighted).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(expectedWeighted);
            assertThat(f.totals().stream().map(ForecastRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(new BigDecimal("100.25").multiply(BigDecimal.valueOf(N)));
        }
    }
}
