package io.crmkit.core.sales;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.InvalidTransitionException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.FieldChange;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.marketing.CampaignId;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpportunityServiceTest {
    private static final UserRef LI = UserRef.of("li.si");
    private static final DepartmentRef SALES = DepartmentRef.of("华东销售部");
    private static final LocalDate JUNE = LocalDate.of(2025, 6, 30);

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final List<DomainEvent> events = new ArrayList<>();
    private final Crm crm = TestCrm.builder(clock).listener(events::add).build();
    private final OpportunityService sales = crm.as(Actor.user("li.si")).opportunities();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));

    @AfterEach
    void close() {
        crm.close();
    }

    private NewOpportunity form(String name, String amount) {
        return NewOpportunity.of(customer.id(), name, new BigDecimal(amount), "CNY", JUNE);
    }

    private Opportunity create(String name, String amount) {
        return sales.create(form(name, amount));
    }

    private List<AuditEntry> audit(Opportunity o) {
        return Pages.all(p -> crm.audit().history(RecordKind.OPPORTUNITY, o.id().value(), p));
    }

    private static Map<String, Optional<String>> newValues(AuditEntry e) {
        return e.changes().stream().collect(Collectors.toMap(FieldChange::field, FieldChange::newValue));
    }

    @Test
    void createdInTheFirstStageOwnedByTheActingUserWithItsHistoryStarted() {
        CampaignId campaign = new CampaignId(UUID.randomUUID());
        Opportunity o = sales.create(form("  年度维保合同 ", "120000.50").department(SALES).sourceCampaign(campaign));

        assertThat(o.name()).isEqualTo("年度维保合同");
        assertThat(o.customerId()).isEqualTo(customer.id());
        assertThat(o.amount()).isEqualTo(new BigDecimal("120000.50"));
        assertThat(o.currency()).isEqualTo(Currency.getInstance("CNY"));
        assertThat(o.expectedClose()).isEqualTo(JUNE);
        assertThat(o.pipelineCode()).isEqualTo("default");
        assertThat(o.stageCode()).isEqualTo("qualification");
        assertThat(o.probability()).isEqualTo(new BigDecimal("0.1000"));
        assertThat(o.category()).isEqualTo(ForecastCategory.PIPELINE);
        assertThat(o.isOpen()).isTrue();
        assertThat(o.owner()).isEqualTo(LI);
        assertThat(o.department()).contains(SALES);
        assertThat(o.sourceCampaign()).contains(campaign);
        assertThat(o.lostReason()).isEmpty();
        assertThat(o.createdAt()).isEqualTo(clock.instant());
        assertThat(o.updatedAt()).isEqualTo(clock.instant());
        assertThat(o.lastActivityAt()).isEqualTo(clock.instant());
        assertThat(o.version()).isEqualTo(1);
        assertThat(o.stageHistory()).containsExactly(new StageChange(Optional.empty(), "qualification", LI, clock.instant(),
                new BigDecimal("0.1000"), new BigDecimal("120000.50"), Currency.getInstance("CNY"), Optional.empty()));
        assertThat(o.weightedAmount()).isEqualByComparingTo("12000.05");
        assertThat(sales.get(o.id())).contains(o);
        assertThat(sales.require(o.id())).isEqualTo(o);
        assertThat(events).anyMatch(e -> e instanceof OpportunityEvent.Created c && c.opportunityId().equals(o.id())
                && c.recordKind() == RecordKind.OPPORTUNITY && c.recordId().equals(o.id().value()));
    }

    @Test
    void createsInANamedOpenStageForAnotherOwner() {
        Opportunity o = sales.create(form("n", "1").stage("proposal").owner(UserRef.of("wang.wu")));

        assertThat(o.stageCode()).isEqualTo("proposal");
        assertThat(o.category()).isEqualTo(ForecastCategory.BEST_CASE);
        assertThat(o.owner()).isEqualTo(UserRef.of("wang.wu"));
        assertThat(violationsOf(() -> sales.create(form("n", "1").stage("closed_won")))).containsExactly("stageCode:closed_stage");
        assertThat(violationsOf(() -> sales.create(form("n", "1").stage("nope")))).containsExactly("stageCode:unknown_stage");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnceAndNothingIsWritten() {
        NewOpportunity bad = NewOpportunity.of(customer.id(), " ", new BigDecimal("-1.00001"), "yuan", null);

        assertThat(violationsOf(() -> sales.create(bad))).containsExactlyInAnyOrder("name:required", "amount:negative",
                "amount:scale", "currency:format", "expectedClose:required");
        assertThat(violationsOf(() -> sales.create(NewOpportunity.of(customer.id(), "x".repeat(201), null, "ABC",
                LocalDate.of(10_000, 1, 1))))).containsExactlyInAnyOrder("name:too_long", "amount:required", "currency:format",
                "expectedClose:range");
        assertThat(violationsOf(() -> sales.create(form("huge", "1234567890123456")))).containsExactly("amount:too_large");
        assertThat(violationsOf(() -> sales.create(form("ctl\u0000", "1")))).containsExactly("name:control_character");
        assertThat(Pages.all(p -> sales.search(OpportunityQuery.all(), p))).isEmpty();
        assertThat(crm.audit().verify().entriesChecked()).isEqualTo(1); // the customer's creation only
    }

    @Test
    void largestAmountsAndZeroAreAccepted() {
        assertThat(create("max", "999999999999999.9999").amount()).isEqualTo(new BigDecimal("999999999999999.9999"));
        assertThat(create("zero", "0").amount()).isEqualTo(BigDecimal.ZERO);
        assertThat(create("exponent", "1E+3").amount()).isEqualTo(new BigDecimal("1000"));
        assertThat(create("trailing", "1.50000000").amount()).isEqualTo(new BigDecimal("1.5000"));
    }

    @Test
    void unicodeAndSqlMetacharactersComeBackAsGiven() {
        String name = "年度合同 😀👍🏽 '; DROP TABLE opportunities; -- %_\\";
        Opportunity o = create(name, "1");

        assertThat(sales.require(o.id()).name()).isEqualTo(name);
        assertThat(sales.moveTo(o.id(), "closed_lost", "客户选择了竞争对手 😞 ' OR 1=1 --").lostReason())
                .contains("客户选择了竞争对手 😞 ' OR 1=1 --");
    }

    @Test
    void theCustomerMustExist() {
        assertThatThrownBy(() -> sales.create(NewOpportunity.of(new CustomerId(UUID.randomUUID()), "n", BigDecimal.ONE,
                "CNY", JUNE))).isInstanceOf(NotFoundException.class);
        assertThat(sales.get(new OpportunityId(UUID.randomUUID()))).isEmpty();
        assertThatThrownBy(() -> sales.require(new OpportunityId(UUID.randomUUID()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void movesKeepEveryStageWithProbabilityAndAmountAtTheTime() {
        Opportunity o = create("deal", "1000");
        clock.advance(Duration.ofHours(1));
        Instant t1 = clock.instant();
        sales.moveTo(o.id(), "proposal", "报价已发");
        clock.advance(Duration.ofHours(1));
        Opportunity edited = sales.update(sales.require(o.id()).edit().amount(new BigDecimal("1500")));
        clock.advance(Duration.ofHours(1));
        Instant t3 = clock.instant();
        Opportunity won = sales.win(o.id(), null);

        assertThat(edited.stageCode()).isEqualTo("proposal");
        assertThat(won.stageCode()).isEqualTo("closed_won");
        assertThat(won.category()).isEqualTo(ForecastCategory.CLOSED_WON);
        assertThat(won.isOpen()).isFalse();
        assertThat(won.probability()).isEqualByComparingTo("1");
        assertThat(won.version()).isEqualTo(4);
        assertThat(won.stageHistory()).hasSize(3);
        assertThat(won.stageHistory().get(1)).isEqualTo(new StageChange(Optional.of("qualification"), "proposal", LI, t1,
                new BigDecimal("0.4000"), new BigDecimal("1000"), Currency.getInstance("CNY"), Optional.of("报价已发")));
        assertThat(won.stageHistory().get(2)).isEqualTo(new StageChange(Optional.of("proposal"), "closed_won", LI, t3,
                new BigDecimal("1.0000"), new BigDecimal("1500"), Currency.getInstance("CNY"), Optional.empty()));
        assertThat(sales.require(o.id())).isEqualTo(won);
        assertThat(events.stream().filter(e -> e instanceof OpportunityEvent).map(e -> e.getClass().getSimpleName()))
                .containsExactly("Created", "StageChanged", "Updated", "StageChanged", "Won");
    }

    @Test
    void aMoveToALostStageNeedsAReasonAndALostDealMayBeReopened() {
        Opportunity o = create("deal", "10");

        assertThat(violationsOf(() -> sales.moveTo(o.id(), "closed_lost", null))).containsExactly("lostReason:required");
        assertThat(violationsOf(() -> sales.moveTo(o.id(), "closed_lost", "  "))).containsExactly("lostReason:required");
        assertThat(violationsOf(() -> sales.lose(o.id(), " "))).containsExactly("lostReason:required");
        assertThat(sales.require(o.id()).version()).isEqualTo(1);

        Opportunity lost = sales.lose(o.id(), "预算取消");
        assertThat(lost.stageCode()).isEqualTo("closed_lost");
        assertThat(lost.lostReason()).contains("预算取消");
        assertThat(lost.probability()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> sales.win(o.id(), null)).isInstanceOf(InvalidTransitionException.class)
                .hasMessageContaining("closed_lost").hasMessageContaining("closed_won");

        Opportunity reopened = sales.moveTo(o.id(), "negotiation", "客户重新立项");
        assertThat(reopened.isOpen()).isTrue();
        assertThat(reopened.lostReason()).isEmpty();
        assertThat(reopened.stageHistory()).extracting(StageChange::to)
                .containsExactly("qualification", "closed_lost", "negotiation");
        assertThat(reopened.stageHistory().get(1).comment()).contains("预算取消");
        assertThat(events).filteredOn(e -> e instanceof OpportunityEvent.Lost).hasSize(1);
    }

    @Test
    void aWonDealIsFinalAndAMoveToTheSameStageIsRefused() {
        Opportunity o = create("deal", "10");

        assertThatThrownBy(() -> sales.moveTo(o.id(), "qualification", null)).isInstanceOf(InvalidTransitionException.class);
        sales.moveTo(o.id(), "negotiation", null);
        sales.moveTo(o.id(), "needs_analysis", "back a step"); // open stages in any order
        sales.win(o.id(), "签约");
        for (String stage : List.of("qualification", "closed_lost", "closed_won")) {
            assertThatThrownBy(() -> sales.moveTo(o.id(), stage, "again")).isInstanceOf(InvalidTransitionException.class);
        }
        assertThat(violationsOf(() -> sales.moveTo(o.id(), "nope", null))).containsExactly("stageCode:unknown_stage");
        assertThat(sales.require(o.id()).stageHistory()).extracting(StageChange::to)
                .containsExactly("qualification", "negotiation", "needs_analysis", "closed_won");
    }

    @Test
    void anEditChangesTheFormFieldsAndKeepsTheStage() {
        Opportunity o = sales.create(form("old", "10").department(SALES));
        clock.advance(Duration.ofMinutes(5));
        CampaignId campaign = new CampaignId(UUID.randomUUID());

        Opportunity e = sales.update(o.edit().name("新名字").amount(new BigDecimal("99.95")).currency("USD")
                .expectedClose(JUNE.plusMonths(1)).department(null).sourceCampaign(campaign));

        assertThat(e.name()).isEqualTo("新名字");
        assertThat(e.amount()).isEqualTo(new BigDecimal("99.95"));
        assertThat(e.currency()).isEqualTo(Currency.getInstance("USD"));
        assertThat(e.expectedClose()).isEqualTo(JUNE.plusMonths(1));
        assertThat(e.department()).isEmpty();
        assertThat(e.sourceCampaign()).contains(campaign);
        assertThat(e.stageCode()).isEqualTo(o.stageCode());
        assertThat(e.stageHistory()).isEqualTo(o.stageHistory());
        assertThat(e.updatedAt()).isEqualTo(clock.instant());
        assertThat(e.version()).isEqualTo(2);
        assertThat(violationsOf(() -> sales.update(e.edit().name("").amount(new BigDecimal("-1")).currency("usd"))))
                .containsExactlyInAnyOrder("name:required", "amount:negative", "currency:format");
        assertThat(sales.require(o.id())).isEqualTo(e);
    }

    @Test
    void recordingAnActivityMovesTheLastActivityTime() {
        Opportunity o = create("deal", "10");
        clock.advance(Duration.ofDays(3));

        Opportunity touched = sales.recordActivity(o.id());

        assertThat(touched.lastActivityAt()).isEqualTo(clock.instant());
        assertThat(touched.updatedAt()).isEqualTo(o.updatedAt());
        assertThat(touched.version()).isEqualTo(2);
    }

    @Test
    void everyChangeWritesAnAuditEntryWithTheChangedFields() {
        Opportunity o = create("deal", "10");
        clock.advance(Duration.ofMinutes(1));
        sales.update(sales.require(o.id()).edit().amount(new BigDecimal("20")));
        clock.advance(Duration.ofMinutes(1));
        sales.lose(o.id(), "价格太高");
        clock.advance(Duration.ofMinutes(1));
        sales.recordActivity(o.id());

        List<AuditEntry> entries = audit(o);
        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.TRANSITION, AuditAction.UPDATE);
        assertThat(entries).extracting(AuditEntry::actor).containsOnly(LI);
        assertThat(newValues(entries.get(0))).containsEntry("name", Optional.of("deal")).containsEntry("amount", Optional.of("10"))
                .containsEntry("stage", Optional.of("qualification")).containsEntry("owner", Optional.of("li.si"));
        assertThat(entries.get(1).changes()).extracting(FieldChange::field).containsExactly("amount", "lastActivityAt");
        assertThat(newValues(entries.get(2))).containsEntry("stage", Optional.of("closed_lost"))
                .containsEntry("probability", Optional.of("0.0000")).containsEntry("lostReason", Optional.of("价格太高"))
                .containsEntry("stageComment", Optional.of("价格太高"));
        assertThat(entries.get(3).changes()).extracting(FieldChange::field).containsExactly("lastActivityAt");
        assertThat(crm.audit().verify().ok()).isTrue();
    }

    @Test
    void twoEditsFromTheSameVersionLeaveOneConflictAndNothingHalfWritten() {
        Opportunity o = create("deal", "10");
        OpportunityEdit first = o.edit().amount(new BigDecimal("11"));
        OpportunityEdit second = o.edit().name("other");

        sales.update(first);
        assertThatThrownBy(() -> sales.update(second)).isInstanceOf(ConflictException.class);

        Opportunity stored = sales.require(o.id());
        assertThat(stored.name()).isEqualTo("deal");
        assertThat(stored.amount()).isEqualTo(new BigDecimal("11"));
        assertThat(stored.version()).isEqualTo(2);
        assertThat(audit(o)).hasSize(2);
    }

    @Test
    void concurrentWritersFromOneReadGetOneConflict() throws Exception {
        Opportunity o = create("deal", "10");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> results = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        sales.update(o.edit().name(name));
                        return "ok";
                    } catch (ConflictException e) {
                        return "conflict";
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (var f : results) {
                outcomes.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(outcomes).containsExactlyInAnyOrder("ok", "conflict");
        } finally {
            pool.shutdownNow();
        }
        Opportunity stored = sales.require(o.id());
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.name()).isIn("a", "b");
        assertThat(audit(o)).hasSize(2);
    }

    @Test
    void searchFiltersByEveryCriterionInCloseDateOrderAcrossPages() {
        Customer other = crm.customers().create(NewCustomer.person("李四"));
        OpportunityService asWang = crm.as(Actor.user("wang.wu")).opportunities();
        Opportunity a = sales.create(form("a", "1").department(SALES));
        Opportunity b = sales.create(NewOpportunity.of(customer.id(), "b", BigDecimal.ONE, "CNY", JUNE.minusMonths(2)).stage("proposal"));
        Opportunity c = asWang.create(NewOpportunity.of(other.id(), "c", BigDecimal.ONE, "USD", JUNE.plusDays(1)).department(SALES));
        Opportunity d = sales.create(NewOpportunity.of(other.id(), "d", BigDecimal.ONE, "CNY", JUNE.minusMonths(2)));
        sales.win(d.id(), null);
        Opportunity e = asWang.create(NewOpportunity.of(customer.id(), "e", BigDecimal.ONE, "CNY", JUNE).stage("negotiation"));

        assertThat(names(OpportunityQuery.all())).containsExactly("b", "d", "a", "e", "c");
        assertThat(names(OpportunityQuery.all().customer(customer.id()))).containsExactly("b", "a", "e");
        assertThat(names(OpportunityQuery.all().owner(UserRef.of("wang.wu")))).containsExactly("e", "c");
        assertThat(names(OpportunityQuery.all().department(SALES))).containsExactly("a", "c");
        assertThat(names(OpportunityQuery.all().stages("proposal", "negotiation"))).containsExactly("b", "e");
        assertThat(names(OpportunityQuery.all().openOnly())).containsExactly("b", "a", "e", "c");
        assertThat(names(OpportunityQuery.all().closingBetween(JUNE, JUNE.plusDays(1)))).containsExactly("a", "e");
        assertThat(names(OpportunityQuery.all().pipeline("default").owner(LI).openOnly())).containsExactly("b", "a");
        assertThat(names(OpportunityQuery.all().pipeline("other"))).isEmpty();
        assertThat(Pages.all(p -> sales.ofCustomer(other.id(), p), 1)).extracting(Opportunity::name).containsExactly("d", "c");
        for (int limit = 1; limit <= 6; limit++) {
            assertThat(Pages.all(p -> sales.search(OpportunityQuery.all(), p), limit)).extracting(Opportunity::id)
                    .containsExactly(b.id(), d.id(), a.id(), e.id(), c.id());
        }
        assertThat(violationsOf(() -> sales.search(OpportunityQuery.all(), io.crmkit.core.PageRequest.after("bogus", 5))))
                .containsExactly("cursor:format");
    }

    private List<String> names(OpportunityQuery q) {
        return Pages.all(p -> sales.search(q, p), 2).stream().map(Opportunity::name).toList();
    }
}
