package io.crmkit.core.requirement;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.workflow.Priority;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequirementServiceTest {
    private final MutableClock clock = MutableClock.at(TestCrm.START); // 2025-03-10
    private final Crm crm = TestCrm.create(clock);
    private final RequirementService needs = crm.as(Actor.user("li.si")).requirements();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));
    private final LocalDate today = LocalDate.of(2025, 3, 10);

    @AfterEach
    void close() {
        crm.close();
    }

    private List<Requirement> ofCustomer(CustomerId id) {
        return Pages.all(p -> needs.ofCustomer(id, p), 2);
    }

    @Test
    void createdInStatusNewWithEveryField() {
        Requirement r = needs.create(NewRequirement.of(customer.id(), " 需要开具增值税专用发票 ")
                .description("抬头: 某某公司\n税号: 9131...")
                .priority(Priority.HIGH)
                .due(today.plusDays(3))
                .assignee(UserRef.of("wang.wu")));

        assertThat(r.status()).isEqualTo(RequirementStatus.NEW);
        assertThat(r.customerId()).isEqualTo(customer.id());
        assertThat(r.title()).isEqualTo("需要开具增值税专用发票");
        assertThat(r.description()).contains("抬头: 某某公司\n税号: 9131...");
        assertThat(r.priority()).isEqualTo(Priority.HIGH);
        assertThat(r.dueDate()).contains(today.plusDays(3));
        assertThat(r.assignee()).contains(UserRef.of("wang.wu"));
        assertThat(r.createdBy()).isEqualTo(UserRef.of("li.si"));
        assertThat(r.createdAt()).isEqualTo(clock.instant());
        assertThat(r.history()).isEmpty();
        assertThat(r.sourceInteraction()).isEmpty();
        assertThat(r.version()).isEqualTo(1);
        assertThat(needs.get(r.id())).contains(r);
    }

    @Test
    void defaultsToNormalPriorityUnassignedWithoutDueDate() {
        Requirement r = needs.create(NewRequirement.of(customer.id(), "咨询"));
        assertThat(r.priority()).isEqualTo(Priority.NORMAL);
        assertThat(r.assignee()).isEmpty();
        assertThat(r.dueDate()).isEmpty();
    }

    @Test
    void discoveredInAnInteractionOfTheSameCustomer() {
        Interaction call = crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND).subject("投诉"));
        Requirement r = needs.create(NewRequirement.of(customer.id(), "更换配件").discoveredIn(call.id()));
        assertThat(r.sourceInteraction()).contains(call.id());
        assertThat(needs.get(r.id()).orElseThrow().sourceInteraction()).contains(call.id());
    }

    @Test
    void anInteractionOfAnotherCustomerIsRejected() {
        Customer other = crm.customers().create(NewCustomer.person("李四"));
        Interaction theirs = crm.interactions().log(other.id(), Interaction.call(Direction.INBOUND));

        assertThat(violationsOf(() -> needs.create(NewRequirement.of(customer.id(), "更换配件").discoveredIn(theirs.id()))))
                .containsExactly("sourceInteraction:other_customer");
        assertThat(ofCustomer(customer.id())).isEmpty();
        assertThat(ofCustomer(other.id())).isEmpty();
    }

    @Test
    void anUnknownInteractionOrCustomerIsNotFound() {
        InteractionId nowhere = InteractionId.parse("01900000-0000-7000-8000-00000000000a");
        assertThatThrownBy(() -> needs.create(NewRequirement.of(customer.id(), "x").discoveredIn(nowhere)))
                .isInstanceOf(NotFoundException.class);
        CustomerId unknown = CustomerId.parse("01900000-0000-7000-8000-00000000000b");
        assertThatThrownBy(() -> needs.create(NewRequirement.of(unknown, "x"))).isInstanceOf(NotFoundException.class);
        assertThat(ofCustomer(customer.id())).isEmpty();
    }

    @Test
    void titleDescriptionAndAssigneeAreValidatedTogether() {
        assertThat(violationsOf(() -> needs.create(NewRequirement.of(customer.id(), " ")
                .description("d".repeat(10_001)))))
                .containsExactlyInAnyOrder("title:required", "description:too_long");
        assertThat(violationsOf(() -> needs.create(NewRequirement.of(customer.id(), "t".repeat(201)))))
                .containsExactly("title:too_long");
        assertThat(ofCustomer(customer.id())).isEmpty();
    }

    @Test
    void updateAndAssignChangeDetailsButNotStatus() {
        Requirement r = needs.create(NewRequirement.of(customer.id(), "报价"));
        needs.start(r.id(), null);

        Requirement updated = needs.update(r.id(), "正式报价", "含税", Priority.URGENT, today.plusDays(1));
        Requirement assigned = needs.assign(r.id(), UserRef.of("zhao.liu"));

        assertThat(assigned.title()).isEqualTo("正式报价");
        assertThat(assigned.description()).contains("含税");
        assertThat(assigned.priority()).isEqualTo(Priority.URGENT);
        assertThat(assigned.dueDate()).contains(today.plusDays(1));
        assertThat(assigned.assignee()).contains(UserRef.of("zhao.liu"));
        assertThat(assigned.status()).isEqualTo(RequirementStatus.IN_PROGRESS);
        assertThat(assigned.version()).isEqualTo(updated.version() + 1);
        assertThat(needs.assign(r.id(), null).assignee()).isEmpty();
        assertThat(violationsOf(() -> needs.update(r.id(), "", null, Priority.LOW, null))).containsExactly("title:required");
    }

    @Test
    void openAssignedToListsOnlyOpenNeedsOfThatUser() {
        Requirement fresh = needs.create(NewRequirement.of(customer.id(), "A").assignee(UserRef.of("wang.wu")));
        Requirement working = needs.create(NewRequirement.of(customer.id(), "B").assignee(UserRef.of("wang.wu")));
        Requirement done = needs.create(NewRequirement.of(customer.id(), "C").assignee(UserRef.of("wang.wu")));
        Requirement reopened = needs.create(NewRequirement.of(customer.id(), "D").assignee(UserRef.of("wang.wu")));
        Requirement rejected = needs.create(NewRequirement.of(customer.id(), "E").assignee(UserRef.of("wang.wu")));
        needs.create(NewRequirement.of(customer.id(), "F").assignee(UserRef.of("someone.else")));
        needs.create(NewRequirement.of(customer.id(), "G"));
        needs.start(working.id(), null);
        needs.start(done.id(), null);
        needs.resolve(done.id(), null);
        needs.start(reopened.id(), null);
        needs.resolve(reopened.id(), null);
        needs.reopen(reopened.id(), "客户不满意");
        needs.reject(rejected.id(), "重复");

        assertThat(Pages.all(p -> needs.assignedToUser(UserRef.of("wang.wu"), p), 2)).extracting(Requirement::id)
                .containsExactly(fresh.id(), working.id(), reopened.id());
        assertThat(Pages.all(p -> needs.assignedToUser(UserRef.of("nobody"), p))).isEmpty();
    }

    @Test
    void overdueNeedsAppearWhenTheClockPassesTheirDueDate() {
        Requirement soon = needs.create(NewRequirement.of(customer.id(), "soon").due(today.plusDays(1)));
        Requirement later = needs.create(NewRequirement.of(customer.id(), "later").due(today.plusDays(5)));
        Requirement resolved = needs.create(NewRequirement.of(customer.id(), "resolved").due(today));
        needs.create(NewRequirement.of(customer.id(), "undated"));
        needs.start(resolved.id(), null);
        needs.resolve(resolved.id(), null);

        assertThat(Pages.all(needs::overdue)).isEmpty();

        clock.advance(Duration.ofDays(1));
        assertThat(Pages.all(needs::overdue)).as("due today is not overdue yet").isEmpty();

        clock.advance(Duration.ofDays(1));
        assertThat(Pages.all(needs::overdue)).extracting(Requirement::id).containsExactly(soon.id());

        clock.advance(Duration.ofDays(10));
        assertThat(Pages.all(needs::overdue, 1)).extracting(Requirement::id).containsExactly(soon.id(), later.id());
    }

    @Test
    void ofCustomerListsOneCustomersNeedsOldestFirst() {
        Customer other = crm.customers().create(NewCustomer.person("李四"));
        Requirement a = needs.create(NewRequirement.of(customer.id(), "A"));
        Requirement theirs = needs.create(NewRequirement.of(other.id(), "X"));
        Requirement b = needs.create(NewRequirement.of(customer.id(), "B"));
        Requirement c = needs.create(NewRequirement.of(customer.id(), "C"));

        assertThat(ofCustomer(customer.id())).extracting(Requirement::id).containsExactly(a.id(), b.id(), c.id());
        assertThat(ofCustomer(other.id())).extracting(Requirement::id).containsExactly(theirs.id());
    }

    @Test
    void changingAnUnknownNeedIsNotFound() {
        RequirementId unknown = RequirementId.parse("01900000-0000-7000-8000-00000000000c");
        assertThat(needs.get(unknown)).isEmpty();
        assertThatThrownBy(() -> needs.start(unknown, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> needs.assign(unknown, UserRef.of("x"))).isInstanceOf(NotFoundException.class);
    }
}
