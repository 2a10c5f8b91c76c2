package io.crmkit.core.marketing;

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
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.MessageTemplate;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Workflow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Campaigns themselves: validation, the workflow, edits, search, events, audit and conflicts. */
class CampaignServiceTest {
    private static final LocalDate MARCH = LocalDate.of(2025, 3, 1);
    private static final LocalDate END = LocalDate.of(2025, 3, 31);
    private static final DepartmentRef MARKETING = DepartmentRef.of("市场部");

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final List<DomainEvent> events = new ArrayList<>();
    private final Crm crm = TestCrm.builder(clock).listener(events::add).build();
    private final CampaignService campaigns = crm.as(Actor.user("wang.wu")).campaigns();

    @AfterEach
    void close() {
        crm.close();
    }

    static NewCampaign form(String name) {
        return NewCampaign.of(name, ChannelKind.SMS, MARCH, END, new BigDecimal("5000"), "CNY")
                .template(MessageTemplate.text("{{name}}您好，春季促销开始了"));
    }

    @Test
    void createdAsADraftOwnedByTheActingUser() {
        Campaign c = campaigns.create(form("  春季促销 🌸 ").department(MARKETING));

        assertThat(c.name()).isEqualTo("春季促销 🌸");
        assertThat(c.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(c.owner()).isEqualTo(UserRef.of("wang.wu"));
        assertThat(c.department()).contains(MARKETING);
        assertThat(c.budget()).isEqualTo(new BigDecimal("5000"));
        assertThat(c.currency()).isEqualTo(Currency.getInstance("CNY"));
        assertThat(c.channel()).isEqualTo(ChannelKind.SMS);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.statusHistory()).isEmpty();
        assertThat(campaigns.require(c.id())).isEqualTo(c);
        assertThat(events).anyMatch(e -> e instanceof CampaignEvent.Created x && x.campaignId().equals(c.id())
                && e.recordKind() == RecordKind.CAMPAIGN && e.recordId().equals(c.id().value()));
    }

    @Test
    void everyViolationAtOnce() {
        NewCampaign bad = NewCampaign.of(" ", ChannelKind.EMAIL, END, MARCH, new BigDecimal("-1.123456"), "yuan")
                .template(MessageTemplate.text(" "));

        assertThat(violationsOf(() -> campaigns.create(bad))).containsExactlyInAnyOrder("name:required",
                "endDate:before_start", "budget:negative", "budget:scale", "currency:format", "template.subject:required",
                "template.text:required");
        assertThat(violationsOf(() -> campaigns.create(NewCampaign.of("x", ChannelKind.SMS, null, null, null, (String) null))))
                .containsExactlyInAnyOrder("startDate:required", "endDate:required", "budget:required", "currency:format");
        assertThat(campaigns.search(CampaignQuery.all(), io.crmkit.core.PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void limitsOnNamesBudgetsAndPeriods() {
        String longest = "营".repeat(Campaign.MAX_NAME);
        assertThat(campaigns.create(form(longest)).name()).isEqualTo(longest);
        assertThat(violationsOf(() -> campaigns.create(form(longest + "销")))).containsExactly("name:too_long");
        assertThat(violationsOf(() -> campaigns.create(form("a\u0000b")))).containsExactly("name:control_character");
        assertThat(violationsOf(() -> campaigns.create(NewCampaign.of("x", ChannelKind.SMS, MARCH, END,
                new BigDecimal("1234567890123456"), "CNY")))).containsExactly("budget:too_large");
        assertThat(campaigns.create(NewCampaign.of("x", ChannelKind.SMS, MARCH, END,
                new BigDecimal("999999999999999.9999"), "CNY")).budget()).isEqualTo(new BigDecimal("999999999999999.9999"));
        assertThat(violationsOf(() -> campaigns.create(NewCampaign.of("x", ChannelKind.SMS, MARCH,
                MARCH.plusDays(Campaign.MAX_DAYS), BigDecimal.ONE, "CNY")))).containsExactly("endDate:too_long");
        assertThat(violationsOf(() -> campaigns.create(NewCampaign.of("x", ChannelKind.SMS, LocalDate.of(1899, 12, 31),
                END, BigDecimal.ONE, "CNY")))).containsExactly("startDate:range");
        assertThat(violationsOf(() -> campaigns.create(form("x").template(MessageTemplate.text("y".repeat(
                Campaign.MAX_TEMPLATE_TEXT + 1)))))).containsExactly("template.text:too_long");
        Campaign oneDay = campaigns.create(NewCampaign.of("x", ChannelKind.SMS, MARCH, MARCH, BigDecimal.ZERO, "CNY"));
        assertThat(oneDay.isActiveOn(MARCH)).isTrue();
        assertThat(oneDay.isActiveOn(MARCH.plusDays(1))).isFalse();
    }

    @Test
    void sqlMetacharactersAreKeptAsText() {
        String name = "'; DROP TABLE crm_campaigns; -- %_\\";
        Campaign c = campaigns.create(form(name));
        assertThat(campaigns.require(c.id()).name()).isEqualTo(name);
    }

    @Test
    void theWorkflowAndItsHistory() {
        Campaign c = campaigns.create(form("双十一"));
        clock.advance(java.time.Duration.ofHours(1));
        Campaign scheduled = campaigns.transition(c.id(), CampaignStatus.SCHEDULED, "审批通过");
        Campaign running = campaigns.transition(c.id(), CampaignStatus.RUNNING, null);
        Campaign done = campaigns.transition(c.id(), CampaignStatus.COMPLETED, null);

        assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(done.version()).isEqualTo(4);
        assertThat(done.statusHistory()).extracting(s -> s.from() + ">" + s.to())
                .containsExactly("DRAFT>SCHEDULED", "SCHEDULED>RUNNING", "RUNNING>COMPLETED");
        assertThat(scheduled.statusHistory().get(0).comment()).contains("审批通过");
        assertThat(scheduled.statusHistory().get(0).actor()).isEqualTo(UserRef.of("wang.wu"));
        assertThat(running.updatedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> campaigns.transition(c.id(), CampaignStatus.RUNNING, null))
                .isInstanceOf(InvalidTransitionException.class);
        assertThatThrownBy(() -> campaigns.transition(campaigns.create(form("x")).id(), CampaignStatus.COMPLETED, null))
                .isInstanceOf(InvalidTransitionException.class);
        assertThat(events).filteredOn(e -> e instanceof CampaignEvent.StatusChanged).hasSize(3);
    }

    @Test
    void aCancelledCampaignMayBeTakenUpAgainAsADraft() {
        Campaign c = campaigns.create(form("x"));
        campaigns.transition(c.id(), CampaignStatus.CANCELLED, "预算取消");
        assertThat(campaigns.transition(c.id(), CampaignStatus.DRAFT, null).status()).isEqualTo(CampaignStatus.DRAFT);
    }

    @Test
    void theHostReplacesTheWorkflow() {
        Workflow<CampaignStatus> direct = Workflow.builder(CampaignStatus.class, CampaignStatus.DRAFT)
                .allow(CampaignStatus.DRAFT, CampaignStatus.RUNNING).allow(CampaignStatus.RUNNING, CampaignStatus.COMPLETED)
                .build();
        try (Crm other = TestCrm.builder(clock).workflow(direct).build()) {
            Campaign c = other.campaigns().create(form("x"));
            assertThat(other.campaigns().transition(c.id(), CampaignStatus.RUNNING, null).status())
                    .isEqualTo(CampaignStatus.RUNNING);
            assertThatThrownBy(() -> other.campaigns().transition(other.campaigns().create(form("y")).id(),
                    CampaignStatus.SCHEDULED, null)).isInstanceOf(InvalidTransitionException.class);
        }
    }

    @Test
    void editsChangeFieldsAndLockTheChannelOnceRunning() {
        Campaign c = campaigns.create(form("x"));
        Campaign edited = campaigns.update(c.edit().name("夏季促销").budget(new BigDecimal("8000.50")).currency("USD")
                .period(MARCH, END.plusDays(30)).channel(ChannelKind.VOICE));
        assertThat(edited.name()).isEqualTo("夏季促销");
        assertThat(edited.budget()).isEqualTo(new BigDecimal("8000.50"));
        assertThat(edited.currency()).isEqualTo(Currency.getInstance("USD"));
        assertThat(edited.channel()).isEqualTo(ChannelKind.VOICE);
        assertThat(edited.version()).isEqualTo(2);
        Campaign stored = campaigns.require(c.id());
        assertThat(stored.name()).isEqualTo("夏季促销");
        assertThat(stored.budget()).isEqualTo(new BigDecimal("8000.50"));
        assertThat(stored.channel()).isEqualTo(ChannelKind.VOICE);
        assertThat(stored.version()).isEqualTo(2);

        campaigns.transition(c.id(), CampaignStatus.SCHEDULED, null);
        Campaign running = campaigns.transition(c.id(), CampaignStatus.RUNNING, null);
        assertThat(violationsOf(() -> campaigns.update(running.edit().channel(ChannelKind.EMAIL)
                .template(MessageTemplate.email("s", "t"))))).containsExactlyInAnyOrder("channel:locked", "template:locked");
        campaigns.update(running.edit().budget(BigDecimal.TEN));
        assertThat(campaigns.require(c.id()).budget()).isEqualTo(BigDecimal.TEN);
        assertThat(violationsOf(() -> campaigns.update(running.edit().name("")))).containsExactly("name:required");
    }

    @Test
    void twoWritersOnOneCampaignOneConflict() {
        Campaign c = campaigns.create(form("x"));
        CampaignEdit first = c.edit().name("甲");
        CampaignEdit second = c.edit().name("乙");
        campaigns.update(first);
        assertThatThrownBy(() -> campaigns.update(second)).isInstanceOf(ConflictException.class);
        assertThat(campaigns.require(c.id()).name()).isEqualTo("甲");
    }

    @Test
    void concurrentWritersOnOneCampaignOneWins() throws Exception {
        Campaign c = campaigns.create(form("x"));
        int writers = 8;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<String>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            CampaignEdit edit = c.edit().name("writer " + i);
            results.add(pool.submit(() -> {
                start.await();
                try {
                    campaigns.update(edit);
                    return "ok";
                } catch (ConflictException e) {
                    return "conflict";
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (var f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsOnlyOnce("ok");
        assertThat(outcomes).filteredOn("conflict"::equals).hasSize(writers - 1);
        assertThat(campaigns.require(c.id()).version()).isEqualTo(2);
    }

    @Test
    void searchByStatusOwnerDepartmentChannelAndDate() {
        Campaign a = campaigns.create(form("a").department(MARKETING));
        Campaign b = campaigns.create(NewCampaign.of("b", ChannelKind.EMAIL, END.plusDays(1), END.plusDays(10),
                BigDecimal.ONE, "CNY").owner(UserRef.of("zhao.liu")));
        campaigns.transition(b.id(), CampaignStatus.SCHEDULED, null);

        assertThat(ids(CampaignQuery.all())).containsExactly(a.id(), b.id());
        assertThat(ids(CampaignQuery.all().statuses(CampaignStatus.SCHEDULED))).containsExactly(b.id());
        assertThat(ids(CampaignQuery.all().owner(UserRef.of("zhao.liu")))).containsExactly(b.id());
        assertThat(ids(CampaignQuery.all().department(MARKETING))).containsExactly(a.id());
        assertThat(ids(CampaignQuery.all().channel(ChannelKind.EMAIL))).containsExactly(b.id());
        assertThat(ids(CampaignQuery.all().activeOn(END))).containsExactly(a.id());
        assertThat(ids(CampaignQuery.all().activeOn(END.plusDays(10)))).containsExactly(b.id());
        assertThat(ids(CampaignQuery.all().activeOn(END.plusDays(11)))).isEmpty();
    }

    private List<CampaignId> ids(CampaignQuery q) {
        return Pages.all(p -> campaigns.search(q, p), 1).stream().map(Campaign::id).toList();
    }

    @Test
    void auditEntriesForCreateEditAndTransition() {
        Campaign c = campaigns.create(form("x"));
        campaigns.update(c.edit().name("y"));
        campaigns.transition(c.id(), CampaignStatus.SCHEDULED, null);
        List<AuditEntry> trail = Pages.all(p -> crm.audit().history(RecordKind.CAMPAIGN, c.id().value(), p));
        assertThat(trail).extracting(AuditEntry::action)
                .containsExactlyInAnyOrder(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.TRANSITION);
        assertThat(trail).filteredOn(e -> e.action() == AuditAction.UPDATE).singleElement()
                .satisfies(e -> assertThat(e.changes()).anyMatch(ch -> ch.field().equals("name")
                        && ch.newValue().equals(Optional.of("y"))));
    }

    @Test
    void unknownCampaignsAreMissing() {
        CampaignId none = new CampaignId(java.util.UUID.randomUUID());
        assertThat(campaigns.get(none)).isEmpty();
        assertThatThrownBy(() -> campaigns.require(none)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> campaigns.transition(none, CampaignStatus.SCHEDULED, null))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void settingsAreChecked() {
        assertThat(violationsOf(() -> MarketingSettings.builder().respondedStatuses(java.util.Set.of())
                .conversionWindow(java.time.Duration.ZERO).batchSize(0).build()))
                .containsExactlyInAnyOrder("respondedStatuses:required", "conversionWindow:not_positive", "batchSize:range");
        assertThat(violationsOf(() -> MarketingSettings.builder().respondedStatuses(java.util.Set.of(MemberStatus.TARGETED))
                .build())).containsExactly("respondedStatuses:targeted");
        assertThatThrownBy(() -> MarketingSettings.builder().conversionWindow(null)).isInstanceOf(NullPointerException.class);
    }
}
