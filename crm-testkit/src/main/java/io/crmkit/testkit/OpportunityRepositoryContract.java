package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.sales.ForecastCategory;
import io.crmkit.core.sales.ForecastQuery;
import io.crmkit.core.sales.ForecastRow;
import io.crmkit.core.sales.ForecastSnapshot;
import io.crmkit.core.sales.Opportunity;
import io.crmkit.core.sales.OpportunityId;
import io.crmkit.core.sales.OpportunityQuery;
import io.crmkit.core.sales.Pipeline;
import io.crmkit.core.sales.StageOutcome;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.crmkit.core.sales.OpportunityRepository}: exact round trips with the stage history
 * (amounts and probabilities with their scale, Unicode, SQL metacharacters), the version rule of {@code update},
 * {@code search} by every criterion in expected close order across keyset pages, and the monthly forecast sums
 * against sums made in plain Java.
 */
public abstract class OpportunityRepositoryContract extends StorageContractSupport {
    /** The order of {@code search}: expected close date, then id. */
    protected static final Comparator<Opportunity> CLOSE_ORDER = Comparator.comparing(Opportunity::expectedClose)
            .thenComparing(o -> o.id().value(), Uuid7.ORDER);
    private static final int MAX = PageRequest.MAX_LIMIT;
    private static final LocalDate JUNE = LocalDate.of(2025, 6, 30);

    private Customer customer;
    private Customer other;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected OpportunityRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    @BeforeEach
    void customers() {
        customer = data.person("客户").build();
        other = data.organization("Other").build();
        write(r -> {
            r.customers().insert(customer);
            r.customers().insert(other);
        });
    }

    private void insert(Opportunity... opportunities) {
        write(r -> {
            for (Opportunity o : opportunities) {
                r.opportunities().insert(o);
            }
        });
    }

    private Optional<Opportunity> find(OpportunityId id) {
        return read(r -> r.opportunities().findById(id));
    }

    private Opportunity stored(OpportunityId id) {
        return find(id).orElseThrow(() -> new AssertionError("opportunity " + id + " is not stored"));
    }

    private static List<UUID> idsOf(List<Opportunity> list) {
        return ids(list, o -> o.id().value());
    }

    @Test
    void insertedOpportunityReadsBackExactlyWithItsHistory() {
        var t = data.now();
        Opportunity full = data.opportunity(customer.id(), "年度合同 " + TestStrings.EMOJI + TestStrings.SQL_INJECTION,
                        "999999999999999.9999", "CNY", JUNE)
                .owner("王五").department(DepartmentRef.of("华东销售部")).sourceCampaign(new CampaignId(data.uuid()))
                .move("proposal", "王五", t.plusSeconds(1), TestStrings.LIKE_METACHARACTERS)
                .move("closed_lost", "经理", t.plusNanos(2_000_001_000L), TestStrings.NASTY)
                .lostReason(TestStrings.NASTY)
                .updatedAt(t.plusSeconds(2)).lastActivityAt(t.plusSeconds(3)).version(3)
                .build();
        Opportunity scaled = data.opportunity(customer.id(), "scaled", "12.50", "USD", JUNE).build();
        Opportunity zero = data.opportunity(other.id(), "zero", "0", "JPY", LocalDate.of(1900, 1, 1)).noHistory().build();
        insert(full, scaled, zero);

        assertThat(stored(full.id())).isEqualTo(full);
        assertThat(stored(scaled.id()).amount().toPlainString()).isEqualTo("12.50");
        assertThat(stored(scaled.id())).isEqualTo(scaled);
        assertThat(stored(zero.id())).isEqualTo(zero);
        assertThat(stored(full.id()).stageHistory()).hasSize(3);
    }

    @Test
    void findByIdOfUnknownOpportunityIsEmpty() {
        insert(data.opportunity(customer.id(), "o", "1", "CNY", JUNE).build());

        assertThat(find(data.opportunityId())).isEmpty();
    }

    @Test
    void insertWithExistingIdConflictsAndKeepsTheStoredOne() {
        Opportunity first = data.opportunity(customer.id(), "first", "1", "CNY", JUNE).build();
        insert(first);
        Opportunity again = data.opportunity(customer.id(), "again", "2", "CNY", JUNE).id(first.id()).build();

        assertThatThrownBy(() -> insert(again)).isInstanceOf(ConflictException.class);
        assertThat(stored(first.id())).isEqualTo(first);
    }

    @Test
    void updateReplacesTheFieldsAndAddsToTheHistory() {
        Opportunity v1 = data.opportunity(customer.id(), "o", "100", "CNY", JUNE).department(DepartmentRef.of("d1")).build();
        insert(v1);
        data.clock().advance(Duration.ofMinutes(1));
        Opportunity v2 = v1.edit("改名", new BigDecimal("200.5"), Currency.getInstance("EUR"), JUNE.plusDays(1), UserRef.of("u2"),
                Optional.empty(), Optional.of(new CampaignId(data.uuid())), data.now());
        write(r -> r.opportunities().update(v2));
        data.clock().advance(Duration.ofMinutes(1));
        Opportunity v3 = v2.moveTo(Pipeline.DEFAULT.requireStage("closed_lost"), UserRef.of("u2"), data.now(), Optional.of("贵"));
        write(r -> r.opportunities().update(v3));
        data.clock().advance(Duration.ofMinutes(1));
        Opportunity v4 = v3.moveTo(Pipeline.DEFAULT.requireStage("negotiation"), UserRef.of("u3"), data.now(), Optional.empty());
        write(r -> r.opportunities().update(v4));
        Opportunity v5 = v4.touch(data.now().plusSeconds(5));
        write(r -> r.opportunities().update(v5));

        Opportunity back = stored(v1.id());
        assertThat(back).isEqualTo(v5);
        assertThat(back.stageHistory()).extracting(c -> c.to()).containsExactly("qualification", "closed_lost", "negotiation");
        assertThat(back.lostReason()).isEmpty();
        assertThat(back.department()).isEmpty();
    }

    @Test
    void updateWithWrongVersionConflictsAndChangesNothing() {
        Opportunity v1 = data.opportunity(customer.id(), "o", "1", "CNY", JUNE).build();
        insert(v1);
        Opportunity v2 = v1.touch(data.now().plusSeconds(1));
        write(r -> r.opportunities().update(v2));
        Opportunity stale = v1.moveTo(Pipeline.DEFAULT.won(), UserRef.of("u"), data.now(), Optional.empty());
        Opportunity skipping = v2.touch(data.now().plusSeconds(2)).touch(data.now().plusSeconds(3));

        assertThatThrownBy(() -> write(r -> r.opportunities().update(stale))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(r -> r.opportunities().update(skipping))).isInstanceOf(ConflictException.class);
        assertThat(stored(v1.id())).isEqualTo(v2);
    }

    @Test
    void updateOfUnknownOpportunityThrowsNotFound() {
        Opportunity ghost = data.opportunity(customer.id(), "ghost", "1", "CNY", JUNE).version(2).build();

        assertThatThrownBy(() -> write(r -> r.opportunities().update(ghost))).isInstanceOf(NotFoundException.class);
        assertThat(find(ghost.id())).isEmpty();
    }

    /** A seeded mix over two customers, owners, departments, stages, currencies and close dates. */
    private List<Opportunity> mix(int n) {
        Random random = new Random(20_250_601L);
        List<String> stages = Pipeline.DEFAULT.stages().stream().map(s -> s.code()).toList();
        List<Opportunity> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OpportunityBuilder b = data.opportunity(random.nextBoolean() ? customer.id() : other.id(), "o" + i,
                            new BigDecimal(random.nextInt(100_000)).movePointLeft(random.nextInt(3)).toPlainString(),
                            random.nextInt(4) == 0 ? "USD" : "CNY", JUNE.minusDays(random.nextInt(200)))
                    .owner(List.of("u1", "u2", "王五").get(random.nextInt(3)))
                    .department(random.nextInt(3) == 0 ? null : DepartmentRef.of(random.nextBoolean() ? "d1" : "销售部"))
                    .stage(stages.get(random.nextInt(stages.size())))
                    .lastActivityAt(data.now().minus(Duration.ofHours(random.nextInt(24 * 60))));
            if (i % 7 == 0) {
                b.pipeline("other");
            }
            all.add(b.build());
        }
        return all;
    }

    @Test
    void searchListsWhatMatchesEveryCriterionInCloseOrderOnPagesOfEverySize() {
        List<Opportunity> all = mix(40);
        List<Opportunity> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(3));
        insert(shuffled.toArray(Opportunity[]::new));
        List<OpportunityQuery> queries = List.of(
                OpportunityQuery.all(),
                OpportunityQuery.all().customer(customer.id()),
                OpportunityQuery.all().owner(UserRef.of("王五")),
                OpportunityQuery.all().department(DepartmentRef.of("销售部")),
                OpportunityQuery.all().pipeline("other"),
                OpportunityQuery.all().stages("proposal", "negotiation"),
                OpportunityQuery.all().openOnly(),
                OpportunityQuery.all().closingBetween(JUNE.minusDays(100), JUNE.minusDays(20)),
                OpportunityQuery.all().customer(other.id()).owner(UserRef.of("u1")).openOnly().closingBetween(JUNE.minusDays(150), JUNE),
                OpportunityQuery.all().idleBefore(Map.of("proposal", data.now().minus(Duration.ofDays(20)),
                        "qualification", data.now().minus(Duration.ofDays(40)), "closed_won", data.now())),
                OpportunityQuery.all().owner(UserRef.of("u2")).idleBefore(Map.of("negotiation", data.now().minus(Duration.ofDays(10)))));
        for (OpportunityQuery q : queries) {
            List<UUID> expected = idsOf(sorted(all.stream().filter(q::matches).toList(), CLOSE_ORDER));
            assertThat(expected).as("%s matches something", q).isNotEmpty();
            for (int limit : PAGE_LIMITS) {
                assertThat(idsOf(readAllPages(limit, (r, p) -> r.opportunities().search(q, AccessScope.everything(), p))))
                        .as("%s, pages of %d", q, limit).containsExactlyElementsOf(expected);
            }
        }
        assertThat(readAllPages(MAX, (r, p) -> r.opportunities().search(OpportunityQuery.all(), AccessScope.nothing(), p))).isEmpty();
    }

    /** The monthly sums of {@code matching} as the port returns them, rounded to compare. */
    private static Map<List<Object>, List<Object>> sums(List<Opportunity> matching, ForecastQuery.Grouping grouping) {
        Map<List<Object>, List<Object>> out = new HashMap<>();
        for (Opportunity o : matching) {
            List<Object> key = List.of(o.expectedClose().withDayOfMonth(1),
                    grouping.byOwner() ? Optional.of(o.owner()) : Optional.empty(),
                    grouping.byDepartment() ? o.department() : Optional.empty(),
                    o.category(), o.currency());
            List<Object> sum = out.getOrDefault(key, List.of(0L, BigDecimal.ZERO, BigDecimal.ZERO));
            out.put(key, List.of((Long) sum.get(0) + 1, ((BigDecimal) sum.get(1)).add(o.amount()),
                    ((BigDecimal) sum.get(2)).add(o.weightedAmount())));
        }
        out.replaceAll((k, v) -> List.of(v.get(0), round((BigDecimal) v.get(1)), round((BigDecimal) v.get(2))));
        return out;
    }

    private static BigDecimal round(BigDecimal v) {
        return v.setScale(8, RoundingMode.UNNECESSARY);
    }

    private Map<List<Object>, List<Object>> forecast(ForecastQuery q, AccessScope scope) {
        Map<List<Object>, List<Object>> out = new HashMap<>();
        for (ForecastRow r : read(x -> x.opportunities().forecastByMonth(q, scope))) {
            List<Object> key = List.of(r.period(), r.owner(), r.department(), r.category().orElseThrow(), r.currency());
            assertThat(out.put(key, List.of(r.count(), round(r.amount()), round(r.weighted())))).as("one row per %s", key).isNull();
        }
        return out;
    }

    @Test
    void forecastSumsEachMonthGroupCategoryAndCurrencyExactly() {
        List<Opportunity> all = mix(60);
        insert(all.toArray(Opportunity[]::new));
        List<ForecastQuery> queries = List.of(
                ForecastQuery.byMonth(),
                ForecastQuery.byQuarter().byOwner(),
                ForecastQuery.byMonth().byDepartment(),
                ForecastQuery.byMonth().byOwnerAndDepartment(),
                ForecastQuery.byMonth().pipeline("other").byOwner(),
                ForecastQuery.byMonth().closingBetween(JUNE.minusDays(90), JUNE.minusDays(30)).byDepartment());
        for (ForecastQuery q : queries) {
            Predicate<Opportunity> matches = q::matches;
            assertThat(forecast(q, AccessScope.everything())).as("%s", q)
                    .isEqualTo(sums(all.stream().filter(matches).toList(), q.groupBy()));
        }
        AccessScope u1 = new AccessScope(false, Optional.of(UserRef.of("u1")), java.util.Set.of(DepartmentRef.of("d1")), java.util.Set.of());
        assertThat(forecast(ForecastQuery.byMonth(), u1)).isEqualTo(sums(all.stream()
                .filter(o -> o.owner().equals(UserRef.of("u1")) || o.department().equals(Optional.of(DepartmentRef.of("d1"))))
                .toList(), ForecastQuery.Grouping.NONE));
        assertThat(forecast(ForecastQuery.byMonth(), AccessScope.nothing())).isEmpty();
    }

    @Test
    void stageOutcomesCountTheClosedOpportunitiesOfThePipelineThatEnteredEachStage() {
        Random random = new Random(77);
        List<String> open = List.of("qualification", "needs_analysis", "proposal", "negotiation");
        List<Opportunity> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            OpportunityBuilder b = data.opportunity(customer.id(), "o" + i, "10", "CNY", JUNE)
                    .owner(random.nextBoolean() ? "u1" : "u2");
            String at = "qualification";
            for (int m = random.nextInt(5); m > 0; m--) {
                String next = open.get(random.nextInt(open.size()));
                if (!next.equals(at)) {
                    b.move(next, "u1", data.now(), null);
                    at = next;
                }
            }
            int end = random.nextInt(3);
            if (end == 1) {
                b.move("closed_won", "u1", data.now(), null);
            } else if (end == 2) {
                b.move("closed_lost", "u1", data.now(), "lost");
            }
            if (i % 9 == 0) {
                b.pipeline("other");
            }
            all.add(b.build());
        }
        insert(all.toArray(Opportunity[]::new));
        Set<String> stages = Set.of("qualification", "proposal", "negotiation");

        assertThat(outcomes(stages, AccessScope.everything())).isEqualTo(expectedOutcomes(all, stages, o -> true));
        AccessScope u1 = new AccessScope(false, Optional.of(UserRef.of("u1")), Set.of(), Set.of());
        assertThat(outcomes(stages, u1)).isEqualTo(expectedOutcomes(all, stages, o -> o.owner().equals(UserRef.of("u1"))));
        assertThat(outcomes(stages, AccessScope.nothing())).isEmpty();
    }

    private Map<String, List<Object>> outcomes(Set<String> stages, AccessScope scope) {
        Map<String, List<Object>> out = new HashMap<>();
        for (StageOutcome o : read(r -> r.opportunities().stageOutcomes(Pipeline.DEFAULT_CODE, stages, scope))) {
            out.put(o.stageCode(), List.of(o.closed(), o.won(), o.forecasts(), Math.round(o.squaredErrors() * 1e6)));
        }
        return out;
    }

    private static Map<String, List<Object>> expectedOutcomes(List<Opportunity> all, Set<String> stages, Predicate<Opportunity> admitted) {
        Map<String, long[]> n = new HashMap<>();
        Map<String, Double> sse = new HashMap<>();
        for (Opportunity o : all) {
            if (o.isOpen() || !o.pipelineCode().equals(Pipeline.DEFAULT_CODE) || !admitted.test(o)) {
                continue;
            }
            int y = o.category() == ForecastCategory.CLOSED_WON ? 1 : 0;
            Set<String> seen = new java.util.HashSet<>();
            for (var c : o.stageHistory()) {
                if (stages.contains(c.to())) {
                    long[] k = n.computeIfAbsent(c.to(), x -> new long[3]);
                    if (seen.add(c.to())) {
                        k[0]++;
                        k[1] += y;
                    }
                    k[2]++;
                    double e = c.probability().doubleValue() - y;
                    sse.merge(c.to(), e * e, Double::sum);
                }
            }
        }
        Map<String, List<Object>> out = new HashMap<>();
        n.forEach((s, k) -> out.put(s, List.of(k[0], k[1], k[2], Math.round(sse.getOrDefault(s, 0.0) * 1e6))));
        return out;
    }

    @Test
    void forecastOfNothingStoredIsEmpty() {
        List<ForecastRow> rows = read(r -> r.opportunities().forecastByMonth(ForecastQuery.byMonth(), AccessScope.everything()));
        assertThat(rows).isEmpty();
        assertThat(ForecastCategory.CLOSED_WON.isClosed()).isTrue();
    }

    private static ForecastRow row(String period, String owner, @Nullable String department, ForecastCategory category,
                                   String currency, long n, String amount, String weighted) {
        return new ForecastRow(LocalDate.parse(period), Optional.of(UserRef.of(owner)),
                Optional.ofNullable(department).map(DepartmentRef::of), Optional.of(category),
                Currency.getInstance(currency), n, new BigDecimal(amount), new BigDecimal(weighted));
    }

    @Test
    void snapshotsKeepTheirRowsExactlyAndAreReplacedWhole() {
        LocalDate week = LocalDate.parse("2026-02-16");
        Instant takenAt = Instant.parse("2026-02-16T01:02:03.456789Z");
        List<ForecastRow> rows = List.of(
                row("2026-03-01", "李雷 " + TestStrings.EMOJI, "华东销售部", ForecastCategory.COMMIT, "CNY", 3,
                        "123456789012.1234567890", "74074073407.27407407340000"),
                row("2026-03-01", "o'brien", null, ForecastCategory.PIPELINE, "USD", 1, "0.0000000001", "0.00000000001000"),
                row("2026-04-01", "li", "华东销售部", ForecastCategory.CLOSED_WON, "CNY", 2, "500", "500"));
        write(r -> r.opportunities().replaceSnapshot(week, takenAt, rows));
        write(r -> r.opportunities().replaceSnapshot(week.plusWeeks(1), takenAt.plus(Duration.ofDays(7)), List.of()));

        ForecastSnapshot stored = readOne(r -> r.opportunities().snapshot(week)).orElseThrow();
        assertThat(stored.week()).isEqualTo(week);
        assertThat(stored.takenAt()).isEqualTo(takenAt);
        assertThat(stored.rows()).hasSize(3);
        for (ForecastRow expected : rows) {
            assertThat(stored.rows()).as("row %s", expected).anySatisfy(got -> {
                assertThat(got.period()).isEqualTo(expected.period());
                assertThat(got.owner()).isEqualTo(expected.owner());
                assertThat(got.department()).isEqualTo(expected.department());
                assertThat(got.category()).isEqualTo(expected.category());
                assertThat(got.currency()).isEqualTo(expected.currency());
                assertThat(got.count()).isEqualTo(expected.count());
                assertThat(got.amount()).isEqualByComparingTo(expected.amount());
                assertThat(got.weighted()).isEqualByComparingTo(expected.weighted());
            });
        }
        assertThat(readOne(r -> r.opportunities().snapshot(week.plusWeeks(1))).orElseThrow().rows())
                .as("a week whose forecast was empty still has its snapshot").isEmpty();
        assertThat(readOne(r -> r.opportunities().snapshot(week.minusWeeks(1)))).isEmpty();

        write(r -> r.opportunities().replaceSnapshot(week, takenAt.plusSeconds(60), rows.subList(2, 3)));
        ForecastSnapshot replaced = readOne(r -> r.opportunities().snapshot(week)).orElseThrow();
        assertThat(replaced.takenAt()).isEqualTo(takenAt.plusSeconds(60));
        assertThat(replaced.rows()).hasSize(1);
        assertThat(readList(r -> r.opportunities().snapshotWeeks(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01"))))
                .containsExactly(week, week.plusWeeks(1));
        assertThat(readList(r -> r.opportunities().snapshotWeeks(week.plusDays(1), LocalDate.parse("2027-01-01"))))
                .containsExactly(week.plusWeeks(1));
    }
}
