package io.crmkit.core.security;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportReport;
import io.crmkit.core.importing.ImportRow;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.messaging.ChannelKind;
import io.crmkit.core.messaging.FakeChannel;
import io.crmkit.core.messaging.MessageRequest;
import io.crmkit.core.messaging.MessagingSettings;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the services refuse and what they hide under an access policy: writes, masks, imports, shares. */
class AccessControlTest {
    static final DepartmentRef EAST = DepartmentRef.of("华东销售部");
    static final DepartmentRef WEST = DepartmentRef.of("华西销售部");
    static final DepartmentRef SALES = DepartmentRef.of("销售中心");

    static final AccessPolicy POLICY = AccessPolicy.builder()
            .grantAll("sales", AccessLevel.DEPARTMENT, RecordKind.values())
            .grant("rep", AccessLevel.OWN, RecordKind.CUSTOMER, Action.READ, Action.CREATE, Action.EDIT)
            .grant("reader", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, Action.READ)
            .grant("intern", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, Action.READ, Action.EDIT)
            .hide("intern", CustomerField.PHONES, CustomerField.EMAILS, CustomerField.CONSENTS)
            .departments(DepartmentHierarchy.ofParents(Map.of("华东销售部", "销售中心", "华西销售部", "销售中心")))
            .build();

    final MutableClock clock = MutableClock.at(TestCrm.START);
    final Crm crm = TestCrm.builder(clock).access(POLICY)
            .messaging(MessagingSettings.builder().channel(new FakeChannel(ChannelKind.SMS)).build()).build();
    final CrmServices eastRep = crm.as(new Actor(UserRef.of("li"), Set.of("sales"), Set.of(EAST)));
    final CrmServices westRep = crm.as(new Actor(UserRef.of("wang"), Set.of("sales"), Set.of(WEST)));
    final CrmServices manager = crm.as(new Actor(UserRef.of("zhao"), Set.of("sales"), Set.of(SALES)));
    final CrmServices reader = crm.as(new Actor(UserRef.of("qian"), Set.of("reader"), Set.of(EAST)));
    final CrmServices intern = crm.as(new Actor(UserRef.of("sun"), Set.of("intern"), Set.of(EAST)));
    final CrmServices nobody = crm.as(Actor.user("zhou"));

    @AfterEach
    void close() {
        crm.close();
    }

    Customer eastCustomer(String name) {
        return crm.customers().create(NewCustomer.person(name).department(EAST).owner(UserRef.of("li"))
                .email(name.toLowerCase() + "@example.cn").phone("13800138000"));
    }

    @Test
    void aCustomerOutOfReachIsMissingAndOneOnlyReadableIsRefused() {
        Customer c = eastCustomer("Zhang");

        assertThat(westRep.customers().get(c.id())).isEmpty();
        assertThatThrownBy(() -> westRep.customers().update(c.edit().displayName("改名")))
                .isInstanceOf(NotFoundException.class).hasMessageNotContaining("华东");
        assertThatThrownBy(() -> reader.customers().update(c.edit().displayName("改名")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("qian may not edit customer");
        assertThatThrownBy(() -> reader.customers().archive(c.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(crm.customers().require(c.id()).version()).as("nothing was written").isEqualTo(1);

        assertThat(eastRep.customers().update(eastRep.customers().require(c.id()).edit().displayName("张三")).displayName())
                .isEqualTo("张三");
    }

    @Test
    void aManagerSeesTheDepartmentsBelowAndNoOneElse() {
        Customer east = eastCustomer("East");
        Customer west = crm.customers().create(NewCustomer.person("West").department(WEST));
        Customer elsewhere = crm.customers().create(NewCustomer.person("Elsewhere").department(DepartmentRef.of("客服部")));

        assertThat(manager.customers().search(CustomerQuery.all(), PageRequest.first(10)).items())
                .extracting(Customer::id).containsExactly(east.id(), west.id());
        assertThat(eastRep.customers().search(CustomerQuery.all(), PageRequest.first(10)).items())
                .extracting(Customer::id).containsExactly(east.id());
        assertThat(nobody.customers().search(CustomerQuery.all(), PageRequest.first(10)).items()).isEmpty();
        assertThat(crm.customers().search(CustomerQuery.all(), PageRequest.first(10)).items()).hasSize(3);
        assertThat(Actor.system().isSystem()).isTrue();
        assertThat(crm.as(Actor.system()).customers().get(elsewhere.id())).isPresent();
    }

    @Test
    void creatingOutsideOnesReachIsRefusedAndWritesNothing() {
        assertThatThrownBy(() -> eastRep.customers().create(NewCustomer.person("Wu").department(WEST)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("may not create");
        assertThatThrownBy(() -> nobody.customers().create(NewCustomer.person("Wu")))
                .isInstanceOf(AccessDeniedException.class);
        CrmServices ownRep = crm.as(new Actor(UserRef.of("he"), Set.of("rep"), Set.of(EAST)));
        assertThatThrownBy(() -> ownRep.customers().create(NewCustomer.person("Wu").department(EAST)))
                .as("a rep creates only customers they own").isInstanceOf(AccessDeniedException.class);
        assertThat(ownRep.customers().create(NewCustomer.person("Wu").owner(UserRef.of("he"))).owner())
                .contains(UserRef.of("he"));
        assertThat(crm.customers().search(CustomerQuery.all(), PageRequest.first(10)).items()).hasSize(1);
    }

    @Test
    void anEditMayNotMoveACustomerOutOfTheEditorsReach() {
        Customer c = crm.customers().create(NewCustomer.person("Zhang").department(EAST));
        assertThatThrownBy(() -> eastRep.customers().update(eastRep.customers().require(c.id()).edit().department(WEST)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("out of their reach");
        assertThat(manager.customers().update(manager.customers().require(c.id()).edit().department(WEST)).department())
                .contains(WEST);
    }

    @Test
    void hiddenFieldsComeBackEmptyAndNamedAndSurviveAnEditByThoseWhoCannotSeeThem() {
        Customer c = eastCustomer("Zhang");
        crm.customers().setConsent(c.id(), ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "web form");

        Customer seen = intern.customers().require(c.id());
        assertThat(seen.id()).isEqualTo(c.id());
        assertThat(seen.displayName()).isEqualTo("Zhang");
        assertThat(seen.phones()).isEmpty();
        assertThat(seen.emails()).isEmpty();
        assertThat(seen.consents()).isEmpty();
        assertThat(seen.hiddenFields()).containsExactlyInAnyOrder(CustomerField.PHONES, CustomerField.EMAILS, CustomerField.CONSENTS);
        assertThat(intern.customers().search(CustomerQuery.all(), PageRequest.first(5)).items().get(0).phones()).isEmpty();
        assertThat(intern.customers().search(CustomerQuery.all().phone("13800138000"), PageRequest.first(5)).items())
                .as("a search by a hidden field still finds, and still hides").singleElement()
                .satisfies(x -> assertThat(x.phones()).isEmpty());

        Customer renamed = intern.customers().update(seen.edit().displayName("张三").tag("vip"));
        assertThat(renamed.phones()).isEmpty();
        Customer stored = crm.customers().require(c.id());
        assertThat(stored.displayName()).isEqualTo("张三");
        assertThat(stored.phones()).isEqualTo(c.phones());
        assertThat(stored.emails()).isEqualTo(c.emails());
        assertThat(stored.consent(ContactChannel.EMAIL)).isPresent();
        assertThat(stored.hiddenFields()).isEmpty();

        assertThatThrownBy(() -> intern.customers().update(intern.customers().require(c.id()).edit().phone("13900139000")))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("PHONES");
        assertThatThrownBy(() -> intern.customers().setConsent(c.id(), ContactChannel.SMS, ConsentStatus.OPTED_OUT, "call"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(crm.customers().require(c.id()).phones()).isEqualTo(c.phones());
    }

    @Test
    void aFieldIsHiddenOnlyWhenEveryRoleOfTheActorHidesIt() {
        Customer c = eastCustomer("Zhang");
        CrmServices both = crm.as(new Actor(UserRef.of("sun"), Set.of("intern", "sales"), Set.of(EAST)));
        assertThat(both.customers().require(c.id()).phones()).isEqualTo(c.phones());
        assertThat(both.customers().require(c.id()).hiddenFields()).isEmpty();
    }

    @Test
    void childRecordsOfACustomerOutOfReachCannotBeAddedOrSeen() {
        Customer c = eastCustomer("Zhang");
        assertThatThrownBy(() -> westRep.interactions().log(c.id(), Interaction.call(Direction.INBOUND)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> westRep.messaging().send(MessageRequest.sms(c.id()).text("hi")))
                .as("no sending to a customer one cannot read").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reader.interactions().log(c.id(), Interaction.call(Direction.INBOUND)))
                .as("a reader of customers has no rule for interactions").isInstanceOf(NotFoundException.class);
        Interaction logged = eastRep.interactions().log(c.id(), Interaction.call(Direction.INBOUND));
        assertThat(westRep.interactions().get(logged.id())).isEmpty();
        assertThat(westRep.interactions().timeline(c.id(), io.crmkit.core.interaction.TimelineQuery.all(), PageRequest.first(5)).items())
                .isEmpty();
        assertThat(manager.interactions().get(logged.id())).isPresent();
    }

    @Test
    void sharingTakesTheRightToEditAndGivesReadOrEdit() {
        Customer c = eastCustomer("Zhang");
        UUID id = c.id().value();
        assertThatThrownBy(() -> westRep.access().share(RecordKind.CUSTOMER, id, UserRef.of("wang"), ShareAccess.READ))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reader.access().share(RecordKind.CUSTOMER, id, UserRef.of("wang"), ShareAccess.READ))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(violationsOf(() -> eastRep.access().share(RecordKind.INTERACTION, id, UserRef.of("wang"), ShareAccess.READ)))
                .containsExactly("kind:not_shareable");

        Share share = eastRep.access().share(RecordKind.CUSTOMER, id, UserRef.of("wang"), ShareAccess.READ);
        assertThat(share.sharedBy()).isEqualTo(UserRef.of("li"));
        assertThat(share.cause()).isEqualTo(ShareCause.MANUAL);
        assertThat(westRep.customers().get(c.id())).isPresent();
        assertThat(westRep.access().can(Action.READ, RecordKind.CUSTOMER, id)).isTrue();
        assertThat(westRep.access().can(Action.EDIT, RecordKind.CUSTOMER, id)).isFalse();
        assertThatThrownBy(() -> westRep.customers().update(c.edit().displayName("x"))).isInstanceOf(AccessDeniedException.class);
        Interaction call = eastRep.interactions().log(c.id(), Interaction.call(Direction.INBOUND));
        assertThat(westRep.interactions().get(call.id())).as("a share brings what belongs to the customer").isPresent();
        assertThatThrownBy(() -> westRep.interactions().log(c.id(), Interaction.call(Direction.INBOUND)))
                .as("to read only").isInstanceOf(AccessDeniedException.class);
    }

    /** Even the system, which may do anything, may do nothing to a customer that does not exist. */
    @Test
    void aCustomerThatDoesNotExistPermitsNothingEvenToTheSystem() {
        UUID unknown = UUID.randomUUID();
        for (CrmServices who : new CrmServices[] {crm, crm.as(Actor.system()), eastRep}) {
            assertThat(who.access().can(Action.READ, RecordKind.CUSTOMER, unknown)).as("%s", who.actor()).isFalse();
            assertThat(who.access().can(Action.EDIT, RecordKind.CUSTOMER, unknown)).as("%s", who.actor()).isFalse();
        }
        assertThat(crm.access().can(Action.READ, RecordKind.CUSTOMER, eastCustomer("Known").id().value())).isTrue();
        assertThatThrownBy(() -> crm.access().share(RecordKind.CUSTOMER, unknown, UserRef.of("wang"), ShareAccess.READ))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anEditShareLetsTheGranteeEditAndUnshareTakesItBack() {
        Customer c = eastCustomer("Zhang");
        UUID id = c.id().value();
        eastRep.access().share(RecordKind.CUSTOMER, id, WEST, ShareAccess.EDIT, ShareCause.RULE);
        assertThat(eastRep.access().sharesOf(RecordKind.CUSTOMER, id)).singleElement()
                .satisfies(s -> assertThat(s.grantee()).isEqualTo(WEST));
        assertThat(westRep.customers().update(westRep.customers().require(c.id()).edit().displayName("王五")).displayName())
                .isEqualTo("王五");

        assertThat(eastRep.access().unshare(RecordKind.CUSTOMER, id, WEST)).isTrue();
        assertThat(eastRep.access().unshare(RecordKind.CUSTOMER, id, WEST)).isFalse();
        assertThat(westRep.customers().get(c.id())).isEmpty();
        assertThat(eastRep.access().sharesOf(RecordKind.CUSTOMER, id)).isEmpty();
    }

    @Test
    void aTaskIsSeenByItsAssigneeItsCreatorAndItsDepartment() {
        Task t = eastRep.tasks().create(NewTask.titled("回访").assignTo(Assignee.user(UserRef.of("wang"))));
        assertThat(eastRep.tasks().get(t.id())).as("creator").isPresent();
        assertThat(westRep.tasks().get(t.id())).as("assignee").isPresent();
        assertThat(manager.tasks().get(t.id())).as("no department on the task").isEmpty();
        Task dept = crm.tasks().create(NewTask.titled("盘点").assignTo(Assignee.department(WEST)));
        assertThat(manager.tasks().get(dept.id())).isPresent();
        assertThat(eastRep.tasks().get(dept.id())).isEmpty();
        assertThatThrownBy(() -> eastRep.tasks().progress(dept.id(), 50)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> nobody.tasks().create(NewTask.titled("x"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anImportNeverRevealsNorOverwritesACustomerTheActorCannotSee() {
        Customer hidden = crm.customers().create(NewCustomer.person("Hidden").department(WEST).email("same@example.cn")
                .externalRef("erp", "E-1"));

        ImportReport byEmail = eastRep.customers().importAll(Stream.of(
                NewCustomer.person("Mine").department(EAST).email("same@example.cn")), ImportOptions.upsertByEmail());
        assertThat(byEmail.inserted()).as("an invisible match counts as none").isEqualTo(1);
        assertThat(crm.customers().require(hidden.id()).displayName()).isEqualTo("Hidden");

        ImportReport byRef = eastRep.customers().importAll(Stream.of(
                NewCustomer.person("Mine too").department(EAST).externalRef("erp", "E-1")), ImportOptions.upsertByExternalRef("erp"));
        assertThat(byRef.rejected()).isEqualTo(1);
        ImportRow problem = byRef.problems().get(0);
        assertThat(problem.problems().get(0).message()).contains("is already taken").doesNotContain(hidden.id().toString());

        ImportReport outOfReach = eastRep.customers().importAll(Stream.of(NewCustomer.person("West row").department(WEST)),
                ImportOptions.insertOnly());
        assertThat(outOfReach.rejected()).isEqualTo(1);
        assertThat(outOfReach.problems().get(0).problems().get(0).code()).isEqualTo("access_denied");
        assertThat(crm.customers().search(CustomerQuery.all(), PageRequest.first(10)).items()).hasSize(2);
    }

    @Test
    void anImportMayNotChangeWhatTheActorMayOnlyReadOrCannotSee() {
        Customer c = eastCustomer("Zhang");
        ImportReport readOnly = reader.customers().importAll(Stream.of(
                NewCustomer.person("改名").department(EAST).email("zhang@example.cn")), ImportOptions.upsertByEmail());
        assertThat(readOnly.rejected()).isEqualTo(1);
        assertThat(readOnly.problems().get(0).problems().get(0).message()).contains("qian may not edit customer");

        ImportReport hiddenPhone = intern.customers().importAll(Stream.of(
                NewCustomer.person("Zhang").department(EAST).email("zhang@example.cn").phone("13900139000")),
                ImportOptions.upsertByEmail());
        assertThat(hiddenPhone.rejected()).isEqualTo(1);
        assertThat(hiddenPhone.problems().get(0).problems().get(0).message()).contains("PHONES");
        Customer stored = crm.customers().require(c.id());
        assertThat(stored.displayName()).isEqualTo("Zhang");
        assertThat(stored.phones()).isEqualTo(c.phones());
    }

    @Test
    void anExternalRefConflictNamesTheHolderOnlyToWhoMaySeeIt() {
        Customer hidden = crm.customers().create(NewCustomer.person("Hidden").department(WEST).externalRef("erp", "E-9"));
        assertThatThrownBy(() -> eastRep.customers().create(NewCustomer.person("Mine").department(EAST).externalRef("erp", "E-9")))
                .hasMessageContaining("already taken").hasMessageNotContaining(hidden.id().toString());
        assertThatThrownBy(() -> manager.customers().create(NewCustomer.person("Mine").department(EAST).externalRef("erp", "E-9")))
                .hasMessageContaining(hidden.id().toString());
    }

    @Test
    void sharesAreInTheAuditTrail() {
        Customer c = eastCustomer("Zhang");
        eastRep.access().share(RecordKind.CUSTOMER, c.id().value(), WEST, ShareAccess.EDIT);
        eastRep.access().unshare(RecordKind.CUSTOMER, c.id().value(), WEST);
        List<AuditEntry> history = crm.audit().history(RecordKind.CUSTOMER, c.id().value(), PageRequest.first(10)).items();
        assertThat(history).extracting(AuditEntry::action).containsSubsequence(AuditAction.SHARE, AuditAction.UNSHARE);
        AuditEntry shared = history.stream().filter(e -> e.action() == AuditAction.SHARE).findFirst().orElseThrow();
        assertThat(shared.actor()).isEqualTo(UserRef.of("li"));
        assertThat(shared.changes()).singleElement().satisfies(ch -> {
            assertThat(ch.field()).isEqualTo("shares.department:华西销售部");
            assertThat(ch.newValue()).contains("EDIT (MANUAL)");
        });
        assertThat(crm.audit().verify().ok()).isTrue();
    }

    @Test
    void theAuditTrailIsReadAsFarAsTheRecordsAre() {
        AccessPolicy policy = AccessPolicy.builder()
                .grantAll("sales", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER)
                .grant("sales", AccessLevel.OWN, RecordKind.AUDIT, Action.READ)
                .grantAll("auditor", AccessLevel.ALL, RecordKind.AUDIT)
                .build();
        try (Crm c = TestCrm.builder(clock).access(policy).build()) {
            Customer east = c.customers().create(NewCustomer.person("East").department(EAST));
            Customer west = c.customers().create(NewCustomer.person("West").department(WEST));
            CrmServices li = c.as(new Actor(UserRef.of("li"), Set.of("sales"), Set.of(EAST)));
            CrmServices auditor = c.as(new Actor(UserRef.of("ma"), Set.of("auditor"), Set.of()));
            CrmServices none = c.as(new Actor(UserRef.of("wu"), Set.of("nobody"), Set.of(EAST)));
            li.customers().update(li.customers().require(east.id()).edit().displayName("东"));

            assertThat(li.audit().history(RecordKind.CUSTOMER, east.id().value(), PageRequest.first(10)).items()).hasSize(2);
            assertThat(li.audit().history(RecordKind.CUSTOMER, west.id().value(), PageRequest.first(10)).items())
                    .as("the history of a record out of reach").isEmpty();
            assertThat(none.audit().history(RecordKind.CUSTOMER, east.id().value(), PageRequest.first(10)).items()).isEmpty();
            assertThat(auditor.audit().history(RecordKind.CUSTOMER, west.id().value(), PageRequest.first(10)).items()).hasSize(1);

            java.time.Instant from = java.time.Instant.parse("2000-01-01T00:00:00Z");
            java.time.Instant to = java.time.Instant.parse("2100-01-01T00:00:00Z");
            assertThat(li.audit().byActor(UserRef.of("li"), from, to, PageRequest.first(10)).items()).hasSize(1);
            assertThatThrownBy(() -> li.audit().byActor(UserRef.of("system"), from, to, PageRequest.first(10)))
                    .isInstanceOf(AccessDeniedException.class);
            assertThat(auditor.audit().byActor(UserRef.of("system"), from, to, PageRequest.first(10)).items()).hasSize(2);
            assertThatThrownBy(() -> li.audit().verify()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> li.audit().heads()).isInstanceOf(AccessDeniedException.class);
            assertThat(auditor.audit().verify().ok()).isTrue();
        }
    }

    @Test
    void aPolicyReportsEveryBadRuleAtOnce() {
        AccessPolicy.Builder b = AccessPolicy.builder()
                .grant(" ", AccessLevel.ALL, RecordKind.CUSTOMER, Action.READ)
                .grant("ok", AccessLevel.ALL, RecordKind.CUSTOMER)
                .hide("x".repeat(Actor.MAX_ROLE + 1), CustomerField.PHONES)
                .grantAll("ok", AccessLevel.ALL);
        assertThat(violationsOf(b::build)).containsExactlyInAnyOrder("role:invalid", "actions:required", "role:invalid", "kinds:required");
        assertThatThrownBy(() -> AccessPolicy.builder().grant(null, AccessLevel.ALL, RecordKind.CUSTOMER, Action.READ))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TestCrm.builder(clock).access(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void levelsAreTheWidestAnyRoleGrantsAndNoRuleMeansNone() {
        Actor both = new Actor(UserRef.of("a"), Set.of("rep", "reader"), Set.of());
        assertThat(POLICY.level(both, RecordKind.CUSTOMER, Action.READ)).isEqualTo(AccessLevel.DEPARTMENT);
        assertThat(POLICY.level(both, RecordKind.CUSTOMER, Action.EDIT)).isEqualTo(AccessLevel.OWN);
        assertThat(POLICY.level(both, RecordKind.CUSTOMER, Action.EXPORT)).isEqualTo(AccessLevel.NONE);
        assertThat(POLICY.level(Actor.user("x").withRoles("unknown"), RecordKind.TASK, Action.READ)).isEqualTo(AccessLevel.NONE);
        assertThat(POLICY.level(Actor.SYSTEM, RecordKind.AUDIT, Action.DELETE)).isEqualTo(AccessLevel.ALL);
        assertThat(AccessPolicy.unrestricted().level(Actor.user("x"), RecordKind.CUSTOMER, Action.DELETE)).isEqualTo(AccessLevel.ALL);
    }

    @Test
    void aDepartmentCycleEndsAndARunawayTreeIsRefused() {
        AccessPolicy cyclic = AccessPolicy.builder().grantAll("sales", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER)
                .departments(DepartmentHierarchy.ofParents(Map.of("a", "b", "b", "a"))).build();
        try (Crm c = TestCrm.builder(clock).access(cyclic).build()) {
            CrmServices a = c.as(new Actor(UserRef.of("u"), Set.of("sales"), Set.of(DepartmentRef.of("a"))));
            Customer inB = c.customers().create(NewCustomer.person("B").department(DepartmentRef.of("b")));
            assertThat(a.customers().get(inB.id())).as("a cycle of two is just two departments").isPresent();
        }
        AccessPolicy runaway = AccessPolicy.builder().grantAll("sales", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER)
                .departments(d -> Set.of(DepartmentRef.of(UUID.nameUUIDFromBytes(d.id().getBytes()).toString()))).build();
        try (Crm c = TestCrm.builder(clock).access(runaway).build()) {
            CrmServices a = c.as(new Actor(UserRef.of("u"), Set.of("sales"), Set.of(DepartmentRef.of("root"))));
            assertThatThrownBy(() -> a.customers().search(CustomerQuery.all(), PageRequest.first(5)))
                    .as("an endless tree of departments").isInstanceOf(IllegalStateException.class).hasMessageContaining("cycle");
        }
    }

    @Test
    void exportHandsOverWhatTheExportRuleReachesWithFieldsHidden() {
        eastCustomer("A");
        eastCustomer("B");
        crm.customers().create(NewCustomer.person("C").department(WEST));
        List<Customer> out = new java.util.ArrayList<>();
        assertThat(eastRep.customers().export(CustomerQuery.all(), out::add)).isEqualTo(2);
        assertThat(out).extracting(Customer::displayName).containsExactly("A", "B");
        assertThat(reader.customers().export(CustomerQuery.all(), out::add)).as("no export rule").isZero();
        assertThat(crm.customers().export(CustomerQuery.all(), x -> { })).isEqualTo(3);
        Customer a = crm.customers().search(CustomerQuery.all().nameStartsWith("A"), PageRequest.first(1)).items().get(0);
        assertThat(crm.audit().history(RecordKind.CUSTOMER, a.id().value(), PageRequest.first(10)).items())
                .as("every export is in the trail").filteredOn(e -> e.action() == AuditAction.EXPORT)
                .extracting(e -> e.actor().id()).containsExactlyInAnyOrder("li", "system");
    }
}
