package io.crmkit.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.PageRequest;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.requirement.RequirementStatus;
import io.crmkit.core.satisfaction.NewSurveyResponse;
import io.crmkit.core.satisfaction.SurveyResponse;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.Priority;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every write path of the services leaves the right audit entry, in its transaction, and the chains verify. */
class AuditTrailTest {
    static final String EMOJI = "😀👍🏽";
    static final String SQL = "O'Brien; DROP TABLE x; -- %_\\";
    private final MutableClock clock = MutableClock.at("2026-03-02T02:00:00.123456789Z");
    private final Crm crm = TestCrm.create(clock);
    private final UserRef alice = UserRef.of("alice");

    @AfterEach
    void close() {
        crm.close();
    }

    private List<AuditEntry> history(RecordKind kind, UUID id) {
        return Pages.all(p -> crm.audit().history(kind, id, p), 3);
    }

    private static Map<String, FieldChange> byField(AuditEntry e) {
        return e.changes().stream().collect(Collectors.toMap(FieldChange::field, c -> c));
    }

    private static void assertChange(AuditEntry e, String field, String before, String after) {
        FieldChange c = e.change(field).orElseThrow(() -> new AssertionError("no change of " + field + " in " + e.changes()));
        assertThat(c.oldValue()).as(field + " before").isEqualTo(Optional.ofNullable(before));
        assertThat(c.newValue()).as(field + " after").isEqualTo(Optional.ofNullable(after));
        assertThat(c.oldHash().isPresent()).isEqualTo(before != null);
        assertThat(c.newHash().isPresent()).isEqualTo(after != null);
    }

    private void assertVerifies() {
        AuditVerification v = crm.audit().verify();
        assertThat(v.broken()).isEmpty();
        assertThat(v.ok()).isTrue();
    }

    @Test
    void creatingACustomerRecordsEveryFieldItWasMadeWith() {
        Customer c = crm.as(Actor.of(alice)).customers().create(NewCustomer.person("张三 " + EMOJI)
                .email("zhang@example.cn").email("z2@example.cn").phone("13800138000")
                .tag("VIP", "北京").attribute("note", SQL).attribute("score", 42)
                .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "web form")
                .externalRef("erp", "C-1").jobTitle("经理"));

        List<AuditEntry> entries = history(RecordKind.CUSTOMER, c.id().value());

        assertThat(entries).hasSize(1);
        AuditEntry e = entries.get(0);
        assertThat(e.action()).isEqualTo(AuditAction.CREATE);
        assertThat(e.actor()).isEqualTo(alice);
        assertThat(e.source()).isEqualTo(AuditSource.API);
        assertThat(e.kind()).isEqualTo(RecordKind.CUSTOMER);
        assertThat(e.recordId()).isEqualTo(c.id().value());
        assertThat(e.at()).isEqualTo(Instant.parse("2026-03-02T02:00:00.123456Z"));
        assertThat(e.sequence()).isEqualTo(1);
        assertThat(e.previousHash()).isEqualTo(AuditEntry.GENESIS);
        assertThat(e.stream()).isEqualTo(AuditChain.stream(c.id().value(), AuditSettings.DEFAULT_STREAMS));
        assertChange(e, "displayName", null, "张三 " + EMOJI);
        assertChange(e, "emails", null, "zhang@example.cn\nz2@example.cn");
        assertChange(e, "phones", null, "+8613800138000");
        assertChange(e, "tags", null, "vip\n北京");
        assertChange(e, "attributes.note", null, SQL);
        assertChange(e, "attributes.score", null, "42");
        assertChange(e, "consents.EMAIL", null, "OPTED_IN (web form)");
        assertChange(e, "externalRefs", null, "erp:C-1");
        assertChange(e, "jobTitle", null, "经理");
        assertChange(e, "kind", null, "PERSON");
        assertChange(e, "stage", null, "LEAD");
        assertThat(e.change("owner")).isEmpty();
        assertThat(e.salt()).hasValueSatisfying(s -> assertThat(s).hasSize(32));
        assertVerifies();
    }

    @Test
    void updatesListOnlyTheFieldsThatChangedWithOldAndNewValues() {
        Customer c = crm.customers().create(NewCustomer.person("Wang").email("a@example.com").tag("a", "b")
                .attribute("vip", true));
        clock.advance(Duration.ofMinutes(1));
        Customer updated = crm.as(Actor.of(alice)).customers().update(c.edit().displayName("王 " + SQL)
                .email("b@example.com").untag("a").tag("c").removeAttribute("vip").attribute("tier", "金"));
        Customer consented = crm.customers().setConsent(c.id(), ContactChannel.SMS, ConsentStatus.OPTED_OUT, "call");
        crm.customers().archive(c.id());

        List<AuditEntry> entries = history(RecordKind.CUSTOMER, c.id().value());

        assertThat(entries).extracting(AuditEntry::action)
                .containsExactly(AuditAction.CREATE, AuditAction.UPDATE, AuditAction.UPDATE, AuditAction.ARCHIVE);
        assertThat(entries).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L, 4L);
        AuditEntry update = entries.get(1);
        assertThat(update.actor()).isEqualTo(alice);
        assertThat(byField(update).keySet()).containsExactlyInAnyOrder("displayName", "emails", "tags",
                "attributes.vip", "attributes.tier");
        assertChange(update, "displayName", "Wang", "王 " + SQL);
        assertChange(update, "emails", "a@example.com", "a@example.com\nb@example.com");
        assertChange(update, "tags", "a\nb", "b\nc");
        assertChange(update, "attributes.vip", "true", null);
        assertChange(update, "attributes.tier", null, "金");
        assertThat(update.previousHash()).isEqualTo(entries.get(0).hash());
        assertThat(byField(entries.get(2)).keySet()).containsExactly("consents.SMS");
        assertChange(entries.get(2), "consents.SMS", null, "OPTED_OUT (call)");
        assertThat(byField(entries.get(3)).keySet()).containsExactly("archivedAt");
        assertThat(updated.version()).isEqualTo(2);
        assertThat(consented.version()).isEqualTo(3);
        assertVerifies();
    }

    @Test
    void importsRecordTheirCreatesAndUpsertsAsImport() {
        Customer existing = crm.customers().create(NewCustomer.person("Li").externalRef("erp", "1").tag("old"));

        crm.as(Actor.of(alice)).customers().importAll(List.of(
                NewCustomer.person("Li Lei").externalRef("erp", "1").tag("new"),
                NewCustomer.person("Han Meimei").externalRef("erp", "2"),
                NewCustomer.person(" ").externalRef("erp", "3")).iterator(), ImportOptions.upsertByExternalRef("erp"));

        List<AuditEntry> li = history(RecordKind.CUSTOMER, existing.id().value());
        assertThat(li).extracting(AuditEntry::action).containsExactly(AuditAction.CREATE, AuditAction.UPDATE);
        assertThat(li.get(1).source()).isEqualTo(AuditSource.IMPORT);
        assertThat(li.get(1).actor()).isEqualTo(alice);
        assertChange(li.get(1), "displayName", "Li", "Li Lei");
        assertChange(li.get(1), "tags", "old", "new\nold");
        Customer han = crm.customers().findByExternalRef("erp", "2").orElseThrow();
        List<AuditEntry> hans = history(RecordKind.CUSTOMER, han.id().value());
        assertThat(hans).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.CREATE);
            assertThat(e.source()).isEqualTo(AuditSource.IMPORT);
        });
        assertThat(Pages.all(p -> crm.audit().byActor(alice, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), p)))
                .hasSize(2);
        assertVerifies();
    }

    @Test
    void interactionsRequirementsTasksSurveysAndPurchasesAreRecorded() {
        Customer c = crm.customers().create(NewCustomer.person("客户"));
        var as = crm.as(Actor.of(alice));
        Interaction call = as.interactions().log(c.id(), Interaction.call(Direction.INBOUND).subject("回访 " + EMOJI)
                .notes(SQL).duration(Duration.ofMinutes(5)));
        Requirement r = as.requirements().create(NewRequirement.of(c.id(), "需要发票").priority(Priority.HIGH));
        as.requirements().transition(r.id(), RequirementStatus.IN_PROGRESS, "开始 " + EMOJI);
        as.requirements().assign(r.id(), UserRef.of("bob"));
        as.requirements().update(r.id(), "需要两张发票", "desc", Priority.LOW, LocalDate.of(2026, 4, 1));
        Task t = as.tasks().create(NewTask.titled("打电话").about(c.id()).assignTo(Assignee.user(UserRef.of("bob"))));
        as.tasks().assign(t.id(), Assignee.userInDepartment(UserRef.of("carol"), io.crmkit.core.security.DepartmentRef.of("售后")), "交接");
        as.tasks().progress(t.id(), 30);
        as.tasks().transition(t.id(), TaskStatus.WAITING, "等客户");
        as.tasks().comment(t.id(), "已留言 " + SQL);
        SurveyResponse s = as.surveys().record(NewSurveyResponse.csat(c.id(), 5).comment("很好"));
        Purchase p = as.purchases().record(NewPurchase.of(c.id(), new BigDecimal("12.50"), "CNY").product("茶").externalId("SO-1"));
        as.purchases().record(NewPurchase.of(c.id(), new BigDecimal("12.50"), "CNY").externalId("SO-1")); // the same order again
        as.purchases().importAll(List.of(NewPurchase.of(c.id(), new BigDecimal("1E+2"), "USD").externalId("SO-2")).iterator(),
                ImportOptions.insertOnly());

        AuditEntry logged = history(RecordKind.INTERACTION, call.id().value()).get(0);
        assertThat(logged.action()).isEqualTo(AuditAction.CREATE);
        assertChange(logged, "subject", null, "回访 " + EMOJI);
        assertChange(logged, "notes", null, SQL);
        assertChange(logged, "duration", null, "PT5M");
        assertChange(logged, "customerId", null, c.id().toString());

        List<AuditEntry> req = history(RecordKind.REQUIREMENT, r.id().value());
        assertThat(req).extracting(AuditEntry::action).containsExactly(AuditAction.CREATE, AuditAction.TRANSITION,
                AuditAction.ASSIGN, AuditAction.UPDATE);
        assertChange(req.get(0), "title", null, "需要发票");
        assertChange(req.get(0), "status", null, "NEW");
        assertChange(req.get(1), "status", "NEW", "IN_PROGRESS");
        assertChange(req.get(1), "statusComment", null, "开始 " + EMOJI);
        assertThat(byField(req.get(2)).keySet()).containsExactly("assignee");
        assertChange(req.get(2), "assignee", null, "bob");
        assertChange(req.get(3), "title", "需要发票", "需要两张发票");
        assertChange(req.get(3), "priority", "HIGH", "LOW");
        assertChange(req.get(3), "dueDate", null, "2026-04-01");

        List<AuditEntry> task = history(RecordKind.TASK, t.id().value());
        assertThat(task).extracting(AuditEntry::action).containsExactly(AuditAction.CREATE, AuditAction.ASSIGN,
                AuditAction.PROGRESS, AuditAction.TRANSITION, AuditAction.COMMENT);
        assertChange(task.get(0), "assignee", null, "user bob");
        assertChange(task.get(1), "assignee", "user bob", "user carol, department 售后");
        assertChange(task.get(1), "assignmentNote", null, "交接");
        assertChange(task.get(2), "progress", "0", "30");
        assertChange(task.get(2), "status", "NOT_STARTED", "IN_PROGRESS");
        assertChange(task.get(3), "status", "IN_PROGRESS", "WAITING");
        assertChange(task.get(3), "statusComment", null, "等客户");
        assertThat(byField(task.get(4)).keySet()).containsExactly("comment");
        assertChange(task.get(4), "comment", null, "已留言 " + SQL);

        AuditEntry survey = history(RecordKind.SURVEY, s.id().value()).get(0);
        assertChange(survey, "score", null, "5");
        assertChange(survey, "kind", null, "CSAT");
        assertChange(survey, "comment", null, "很好");

        assertThat(history(RecordKind.PURCHASE, p.id().value())).singleElement().satisfies(e -> {
            assertChange(e, "amount", null, "12.50");
            assertChange(e, "currency", null, "CNY");
            assertChange(e, "externalId", null, "SO-1");
            assertThat(e.source()).isEqualTo(AuditSource.API);
        });
        Purchase imported = crm.purchases().findByExternalId("SO-2").orElseThrow();
        assertThat(history(RecordKind.PURCHASE, imported.id().value())).singleElement().satisfies(e -> {
            assertChange(e, "amount", null, "100");
            assertThat(e.source()).isEqualTo(AuditSource.IMPORT);
        });
        assertThat(Pages.all(q -> crm.audit().byActor(alice, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), q), 4))
                .hasSize(1 + 4 + 5 + 1 + 2);
        assertVerifies();
    }

    @Test
    void aRejectedCallWritesNoEntry() {
        Customer c = crm.customers().create(NewCustomer.person("A"));

        assertThatThrownBy(() -> crm.customers().update(c.edit().displayName(" ").email("not an email")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> crm.customers().create(NewCustomer.person("B").email("bad")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> crm.tasks().progress(crm.tasks().create(NewTask.titled("t")).id(), 101))
                .isInstanceOf(ValidationException.class);

        assertThat(history(RecordKind.CUSTOMER, c.id().value())).hasSize(1);
        assertThat(crm.audit().verify().entriesChecked()).isEqualTo(2);
    }

    @Test
    void aRolledBackTransactionWritesNoEntryAndACaughtNestedFailureOnlyLosesItsOwn() {
        Customer c = crm.customers().create(NewCustomer.person("A"));

        assertThatThrownBy(() -> crm.inTransaction(tx -> {
            tx.customers().update(c.edit().displayName("B"));
            tx.customers().create(NewCustomer.person("C"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(crm.audit().verify().entriesChecked()).isEqualTo(1);

        crm.inTransaction(tx -> {
            tx.customers().update(c.edit().displayName("D"));
            try {
                tx.customers().update(c.edit().displayName("stale")); // conflicts: same base version
            } catch (io.crmkit.core.ConflictException expected) {
                // carry on
            }
            return tx.customers().create(NewCustomer.person("E"));
        });

        assertThat(history(RecordKind.CUSTOMER, c.id().value())).extracting(e -> e.change("displayName")
                .flatMap(FieldChange::newValue).orElseThrow()).containsExactly("A", "D");
        assertThat(crm.audit().verify().entriesChecked()).isEqualTo(3);
        assertVerifies();
    }

    @Test
    void historyAndByActorPageInTimeOrder() {
        Customer c = crm.customers().create(NewCustomer.person("v0"));
        Customer now = c;
        for (int i = 1; i <= 7; i++) {
            clock.advance(Duration.ofSeconds(1));
            now = crm.as(Actor.user(i % 2 == 0 ? "even" : "odd")).customers().update(now.edit().displayName("v" + i));
        }

        List<AuditEntry> all = history(RecordKind.CUSTOMER, c.id().value());
        assertThat(all).extracting(e -> e.change("displayName").flatMap(FieldChange::newValue).orElseThrow())
                .containsExactly("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7");
        Instant from = all.get(2).at();
        Instant to = all.get(6).at();
        assertThat(Pages.all(p -> crm.audit().byActor(UserRef.of("odd"), from, to, p), 1))
                .extracting(AuditEntry::sequence).containsExactly(4L, 6L);
        assertThat(history(RecordKind.CUSTOMER, UUID.randomUUID())).isEmpty();
        assertThat(history(RecordKind.TASK, c.id().value())).isEmpty();
        assertThatThrownBy(() -> crm.audit().byActor(alice, to, from, PageRequest.first(10)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> crm.audit().history(RecordKind.CUSTOMER, c.id().value(), PageRequest.after("nonsense", 10)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void verifyOfAPeriodChecksItsEntriesAndTheirLinks() {
        Customer c = crm.customers().create(NewCustomer.person("v0"));
        Customer now = c;
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofHours(1));
            now = crm.customers().update(now.edit().displayName("v" + i));
        }
        Instant start = Instant.parse("2026-03-02T00:00:00Z");

        assertThat(crm.audit().verify(start.plus(Duration.ofHours(3)), start.plus(Duration.ofHours(5))).entriesChecked())
                .isEqualTo(2);
        assertThat(crm.audit().verify(start, start.plus(Duration.ofDays(1))).entriesChecked()).isEqualTo(6);
        assertThat(crm.audit().verify(Instant.MIN, Instant.MAX).entriesChecked()).isEqualTo(6);
        assertThat(crm.audit().verify(start.minus(Duration.ofDays(1)), start).entriesChecked()).isZero();
        assertThat(crm.audit().verify().entriesChecked()).isEqualTo(6);
        assertThat(crm.audit().heads()).hasSize(AuditSettings.DEFAULT_STREAMS)
                .filteredOn(h -> h.lastSequence() == 6).singleElement()
                .satisfies(h -> assertThat(crm.audit().entry(h.stream(), 6)).map(AuditEntry::hash).contains(h.lastHash()));
        assertThatThrownBy(() -> crm.audit().verify(start, start)).isInstanceOf(ValidationException.class);
    }

    @Test
    void switchedOffTheTrailRecordsNothing() {
        try (Crm off = TestCrm.builder(clock).audit(AuditSettings.OFF).build()) {
            Customer c = off.customers().create(NewCustomer.person("A"));
            off.customers().update(c.edit().displayName("B"));

            assertThat(off.audit().history(RecordKind.CUSTOMER, c.id().value(), PageRequest.first(10)).items()).isEmpty();
            assertThat(off.audit().heads()).isEmpty();
            assertThat(off.audit().verify().ok()).isTrue();
        }
    }

    @Test
    void streamsAreSetAndChecked() {
        try (Crm one = TestCrm.builder(clock).audit(AuditSettings.builder().streams(1).build()).build()) {
            Customer a = one.customers().create(NewCustomer.person("A"));
            Customer b = one.customers().create(NewCustomer.person("B"));
            assertThat(one.audit().heads()).singleElement().satisfies(h -> assertThat(h.lastSequence()).isEqualTo(2));
            assertThat(List.of(a, b)).allSatisfy(x -> assertThat(one.audit().history(RecordKind.CUSTOMER, x.id().value(),
                    PageRequest.first(1)).items().get(0).stream()).isZero());
        }
        assertThatThrownBy(() -> AuditSettings.builder().streams(0).build()).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations()).singleElement()
                        .satisfies(v -> assertThat(v.field()).isEqualTo("streams")));
        assertThatThrownBy(() -> AuditSettings.builder().streams(AuditSettings.MAX_STREAMS + 1).build())
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> TestCrm.builder(clock).audit(null)).isInstanceOf(NullPointerException.class);
    }
}
