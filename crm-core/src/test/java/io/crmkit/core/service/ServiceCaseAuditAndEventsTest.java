package io.crmkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.InvalidTransitionException;
import io.crmkit.core.MutableClock;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.audit.AuditAction;
import io.crmkit.core.audit.AuditEntry;
import io.crmkit.core.audit.FieldChange;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.event.DomainEvent;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.workflow.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every change of a case writes its audit entry in its transaction and raises its event after the commit. */
class ServiceCaseAuditAndEventsTest {
    private static final UserRef LI = UserRef.of("li");

    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final List<DomainEvent> events = new ArrayList<>();
    private final Crm crm = TestCrm.builder(clock).listener(events::add).build();
    private final ServiceCaseService cases = crm.as(Actor.of(LI)).cases();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));

    @AfterEach
    void close() {
        crm.close();
    }

    private List<AuditEntry> history(ServiceCase c) {
        return Pages.all(p -> crm.audit().history(RecordKind.SERVICE_CASE, c.id().value(), p), 2);
    }

    private static Optional<String> after(AuditEntry e, String field) {
        return e.change(field).flatMap(FieldChange::newValue);
    }

    private static Optional<String> before(AuditEntry e, String field) {
        return e.change(field).flatMap(FieldChange::oldValue);
    }

    private List<ServiceCaseEvent> caseEvents() {
        return events.stream().filter(e -> e instanceof ServiceCaseEvent).map(e -> (ServiceCaseEvent) e).toList();
    }

    @Test
    void everyChangeIsAuditedWithTheFieldsItChanged() {
        Interaction call = crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND));
        Requirement need = crm.requirements().create(NewRequirement.of(customer.id(), "更换"));
        ServiceCase c = cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "漏水 😀")
                .interaction(call.id()));
        clock.advance(Duration.ofMinutes(1));
        cases.update(c.edit().subject("严重漏水").priority(Priority.URGENT));
        cases.assign(c.id(), Assignee.userInDepartment(UserRef.of("wang"), DepartmentRef.of("客服部")));
        cases.transition(c.id(), ServiceCaseStatus.ON_HOLD, "等配件");
        cases.linkRequirement(c.id(), need.id());
        cases.linkRequirement(c.id(), need.id()); // linked already: no entry

        List<AuditEntry> entries = history(c);

        assertThat(entries).extracting(AuditEntry::action).containsExactly(AuditAction.CREATE, AuditAction.UPDATE,
                AuditAction.ASSIGN, AuditAction.TRANSITION, AuditAction.LINK);
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(LI);
            assertThat(e.kind()).isEqualTo(RecordKind.SERVICE_CASE);
            assertThat(e.recordId()).isEqualTo(c.id().value());
        });
        AuditEntry created = entries.get(0);
        assertThat(after(created, "subject")).contains("漏水 😀");
        assertThat(after(created, "status")).contains("NEW");
        assertThat(after(created, "origin")).contains("PHONE");
        assertThat(after(created, "type")).contains("repair");
        assertThat(after(created, "customerId")).contains(customer.id().toString());
        assertThat(after(created, "interactionIds")).contains(call.id().toString());
        assertThat(created.change("assignee")).isEmpty();
        AuditEntry updated = entries.get(1);
        assertThat(updated.changes()).extracting(FieldChange::field).containsExactly("subject", "priority");
        assertThat(before(updated, "subject")).contains("漏水 😀");
        assertThat(after(updated, "priority")).contains("URGENT");
        AuditEntry assigned = entries.get(2);
        assertThat(after(assigned, "assignee")).contains("user wang, department 客服部");
        assertThat(after(assigned, "status")).as("a NEW case becomes ASSIGNED").contains("ASSIGNED");
        AuditEntry moved = entries.get(3);
        assertThat(before(moved, "status")).contains("ASSIGNED");
        assertThat(after(moved, "status")).contains("ON_HOLD");
        assertThat(after(moved, "statusComment")).contains("等配件");
        assertThat(entries.get(4).changes()).extracting(FieldChange::field).containsExactly("requirementIds");
        assertThat(crm.audit().verify().ok()).isTrue();
    }

    @Test
    void aRefusedChangeLeavesNoEntryAndNoEvent() {
        ServiceCase c = cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.WEB, "repair", "s"));
        events.clear();

        assertThatThrownBy(() -> cases.close(c.id(), null)).isInstanceOf(InvalidTransitionException.class);
        assertThatThrownBy(() -> cases.update(c.edit().subject(" "))).isInstanceOf(io.crmkit.core.ValidationException.class);

        assertThat(history(c)).hasSize(1);
        assertThat(caseEvents()).isEmpty();
    }

    @Test
    void eventsNameTheCaseAndWhatHappened() {
        Interaction call = crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND));
        Assignee wang = Assignee.user(UserRef.of("wang"));
        ServiceCase c = cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "s").assignTo(wang));
        cases.update(c.edit().subject("t"));
        cases.linkInteraction(c.id(), call.id());
        cases.resolve(c.id(), null);
        ServiceCase parent = cases.create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "p"));
        cases.setParent(c.id(), parent.id());

        List<ServiceCaseEvent> seen = caseEvents();
        assertThat(seen).allSatisfy(e -> assertThat(e.recordKind()).isEqualTo(RecordKind.SERVICE_CASE));
        assertThat(seen).filteredOn(e -> e.caseId().equals(c.id())).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Created", "Assigned", "StatusChanged", "Updated", "Linked", "StatusChanged", "Updated");
        assertThat(seen.get(0)).isEqualTo(new ServiceCaseEvent.Created(c.id(), customer.id(), c.createdAt(), LI));
        assertThat(seen.get(1)).isEqualTo(new ServiceCaseEvent.Assigned(c.id(), wang, c.createdAt(), LI));
        assertThat(seen).filteredOn(e -> e instanceof ServiceCaseEvent.Linked).singleElement().satisfies(e -> {
            ServiceCaseEvent.Linked linked = (ServiceCaseEvent.Linked) e;
            assertThat(linked.kind()).isEqualTo(RecordKind.INTERACTION);
            assertThat(linked.linkedId()).isEqualTo(call.id().value());
            assertThat(linked.recordId()).isEqualTo(c.id().value());
        });
        assertThat(seen).filteredOn(e -> e instanceof ServiceCaseEvent.StatusChanged).last()
                .isEqualTo(new ServiceCaseEvent.StatusChanged(c.id(), ServiceCaseStatus.ASSIGNED, ServiceCaseStatus.RESOLVED,
                        clock.instant(), LI));
    }

    @Test
    void aCaseOpenedInsideATransactionThatFailsLeavesNothing() {
        assertThatThrownBy(() -> crm.inTransaction(s -> {
            s.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "s"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(Pages.all(p -> crm.cases().ofCustomer(customer.id(), p))).isEmpty();
        assertThat(caseEvents()).isEmpty();
        assertThat(crm.audit().verify().ok()).isTrue();
    }
}
