package io.crmkit.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.crmkit.core.Crm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CustomerValueAnalyticsTest {
    private Crm crm;

    @BeforeEach
    void open() {
        crm = Crm.builder().storage(InMemoryStorage.create()).build();
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private CustomerId customer(String name) {
        return crm.customers().create(NewCustomer.person(name)).id();
    }

    private void buy(CustomerId c, String amount, String day) {
        crm.purchases().record(NewPurchase.of(c, new BigDecimal(amount), "CNY").occurredAt(Instant.parse(day + "T10:00:00Z")));
    }

    @Test
    void perCustomerTotalsByHand() {
        CustomerId zhang = customer("张三");
        CustomerId li = customer("李四");
        buy(zhang, "100.00", "2026-01-10");
        buy(zhang, "20.50", "2026-03-02");
        buy(zhang, "300", "2026-02-01");
        buy(li, "80", "2026-02-15");

        List<CustomerValue> values = CustomerValueAnalytics.of(crm).customers(PurchaseQuery.all());

        assertThat(values).extracting(CustomerValue::customerId).containsExactly(zhang, li);
        CustomerValue z = values.get(0);
        assertThat(z.purchases()).isEqualTo(3);
        assertThat(z.total()).isEqualByComparingTo("420.50");
        assertThat(z.average()).isEqualByComparingTo("140.1667");
        assertThat(z.largest()).isEqualByComparingTo("300");
        assertThat(z.smallest()).isEqualByComparingTo("20.50");
        assertThat(z.first()).isEqualTo(Instant.parse("2026-01-10T10:00:00Z"));
        assertThat(z.last()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(z.currency()).isEqualTo(Currency.getInstance("CNY"));
        assertThat(values.get(1).total()).isEqualByComparingTo("80");

        List<CustomerValue> february = CustomerValueAnalytics.of(crm).customers(
                PurchaseQuery.all().between(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z")));
        assertThat(february).extracting(v -> v.total().toPlainString()).containsExactly("300", "80");
    }

    @Test
    void mixedCurrenciesAreRefusedUnlessOneIsSelected() {
        CustomerId c = customer("王五");
        buy(c, "10", "2026-01-01");
        crm.purchases().record(NewPurchase.of(c, new BigDecimal("5"), "USD").occurredAt(Instant.parse("2026-01-02T00:00:00Z")));
        assertThatThrownBy(() -> CustomerValueAnalytics.of(crm).customers(PurchaseQuery.all()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("currency")).isTrue());
        assertThat(CustomerValueAnalytics.of(crm).currency(Currency.getInstance("USD")).customers(PurchaseQuery.all()))
                .singleElement().satisfies(v -> assertThat(v.total()).isEqualByComparingTo("5"));
    }

    @Test
    void cohortRetentionByHand() {
        CustomerId a = customer("a");
        CustomerId b = customer("b");
        CustomerId c = customer("c");
        buy(a, "1", "2026-01-05"); // cohort Jan: a, b
        buy(a, "1", "2026-02-05");
        buy(a, "1", "2026-02-20");
        buy(b, "1", "2026-01-31");
        buy(b, "1", "2026-03-01");
        buy(c, "1", "2026-02-10"); // cohort Feb: c

        CohortRetention r = CustomerValueAnalytics.of(crm).retention(PurchaseQuery.all(), ZoneOffset.UTC);

        assertThat(r.cohorts()).hasSize(2);
        CohortRetention.Cohort jan = r.cohorts().get(0);
        assertThat(jan.month()).isEqualTo(YearMonth.of(2026, 1));
        assertThat(jan.customers()).isEqualTo(2);
        assertThat(jan.active()).containsExactly(2, 1, 1);
        assertThat(jan.retention(1)).isEqualTo(0.5);
        assertThat(jan.retention(7)).isZero();
        CohortRetention.Cohort feb = r.cohorts().get(1);
        assertThat(feb.customers()).isEqualTo(1);
        assertThat(feb.active()).containsExactly(1, 0);
    }

    @Test
    void paretoByHand() {
        // 10 customers: 50, 20, 10, 5, 5, 4, 3, 1, 1, 1 = 100
        List<CustomerValue> values = new ArrayList<>();
        int[] totals = {50, 20, 10, 5, 5, 4, 3, 1, 1, 1};
        for (int i = 0; i < totals.length; i++) {
            values.add(value(i, totals[i], 1, "2026-01-01"));
        }
        Pareto p = Pareto.of(values);
        assertThat(p.customers()).isEqualTo(10);
        assertThat(p.revenue()).isEqualByComparingTo("100");
        assertThat(p.topFifthShare()).isCloseTo(0.70, within(1e-12)); // top 2: 50 + 20
        assertThat(p.customerShareFor80Percent()).isCloseTo(0.3, within(1e-12)); // 50+20+10 = 80
        assertThat(Pareto.of(List.of()).topFifthShare()).isNaN();
    }

    @Test
    void paretoMatchesABruteForceOverSeededRandomTotals() {
        Random random = new Random(99);
        for (int round = 0; round < 100; round++) {
            int n = 1 + random.nextInt(60);
            List<CustomerValue> values = new ArrayList<>();
            List<Long> totals = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long t = 1 + (long) Math.floor(Math.exp(random.nextGaussian() * 2) * 10);
                totals.add(t);
                values.add(value(i, t, 1, "2026-01-01"));
            }
            totals.sort((x, y) -> Long.compare(y, x));
            long sum = totals.stream().mapToLong(Long::longValue).sum();
            int top = (n + 4) / 5;
            long topSum = totals.subList(0, top).stream().mapToLong(Long::longValue).sum();
            int k = 0;
            while (k <= n && totals.subList(0, k).stream().mapToLong(Long::longValue).sum() * 10 < sum * 8) {
                k++;
            }
            Pareto p = Pareto.of(values);
            assertThat(p.topFifthShare()).isCloseTo((double) topSum / sum, within(1e-12));
            assertThat(p.customerShareFor80Percent()).isCloseTo((double) k / n, within(1e-12));
        }
    }

    @Test
    void rfmQuintilesAndSegmentsByHand() {
        // 5 customers; as of 2026-04-01. Recency days: 1, 10, 30, 60, 90; purchases 10, 6, 3, 2, 1; totals 500..100
        Instant asOf = Instant.parse("2026-04-01T10:00:00Z");
        String[] last = {"2026-03-31", "2026-03-22", "2026-03-02", "2026-01-31", "2026-01-01"};
        int[] count = {10, 6, 3, 2, 1};
        List<CustomerValue> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            values.add(value(i, 500 - 100 * i, count[i], last[i]));
        }
        Map<Long, RfmScore> scores = RfmScore.score(values, asOf).stream()
                .collect(Collectors.toMap(s -> s.customerId().value().getLeastSignificantBits(), s -> s));
        assertThat(scores.get(0L).code()).isEqualTo("555");
        assertThat(scores.get(0L).segment()).isEqualTo(RfmSegment.CHAMPIONS);
        assertThat(scores.get(0L).recencyDays()).isEqualTo(1);
        assertThat(scores.get(1L).code()).isEqualTo("444");
        assertThat(scores.get(2L).code()).isEqualTo("333");
        assertThat(scores.get(2L).segment()).isEqualTo(RfmSegment.NEED_ATTENTION);
        assertThat(scores.get(3L).segment()).isEqualTo(RfmSegment.HIBERNATING);
        assertThat(scores.get(4L).code()).isEqualTo("111");
        assertThat(scores.get(4L).segment()).isEqualTo(RfmSegment.LOST);
    }

    @Test
    void rfmTiesShareAScoreAndQuintilesAreEvenOnDistinctValues() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            int n = 5 * (1 + random.nextInt(20));
            List<CustomerValue> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(value(i, 1 + i, 1 + random.nextInt(4), "2026-01-0" + (1 + random.nextInt(9))));
            }
            List<RfmScore> scores = RfmScore.score(values, Instant.parse("2026-02-01T00:00:00Z"));
            // distinct monetary values: exactly a fifth per score
            Map<Integer, Long> perM = scores.stream().collect(Collectors.groupingBy(RfmScore::m, Collectors.counting()));
            assertThat(perM.values()).allMatch(c -> c == n / 5);
            // equal frequency means equal F; more purchases never a lower F
            for (RfmScore x : scores) {
                for (RfmScore y : scores) {
                    if (x.frequency() == y.frequency()) {
                        assertThat(x.f()).isEqualTo(y.f());
                    }
                    if (x.frequency() > y.frequency()) {
                        assertThat(x.f()).isGreaterThanOrEqualTo(y.f());
                    }
                    if (x.recencyDays() < y.recencyDays()) {
                        assertThat(x.r()).isGreaterThanOrEqualTo(y.r());
                    }
                }
            }
        }
    }

    @Test
    void everyScoreCombinationHasOneSegment() {
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                assertThat(RfmSegment.of(r, f)).isNotNull();
            }
        }
        assertThat(RfmSegment.of(1, 5)).isEqualTo(RfmSegment.CANNOT_LOSE);
        assertThat(RfmSegment.of(2, 4)).isEqualTo(RfmSegment.AT_RISK);
        assertThat(RfmSegment.of(5, 1)).isEqualTo(RfmSegment.NEW_CUSTOMERS);
        assertThat(RfmSegment.AT_RISK.label()).isEqualTo("At risk");
    }

    @Test
    void rfmRefusesAPurchaseAfterTheScoringTime() {
        assertThatThrownBy(() -> RfmScore.score(List.of(value(1, 10, 1, "2026-05-01")), Instant.parse("2026-04-01T00:00:00Z")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.hasViolation("asOf")).isTrue());
    }

    private static CustomerValue value(long id, long total, long count, String lastDay) {
        Instant last = Instant.parse(lastDay + "T10:00:00Z");
        BigDecimal t = BigDecimal.valueOf(total);
        return new CustomerValue(new CustomerId(new UUID(0, id)), Currency.getInstance("CNY"), count, t, t, t, t,
                last.minusSeconds(86_400L * 30), last);
    }
}
