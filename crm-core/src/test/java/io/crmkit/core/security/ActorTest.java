package io.crmkit.core.security;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.MutableClock;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.Requirement;
import io.crmkit.core.task.Assignee;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import io.crmkit.core.task.TaskStatus;
import io.crmkit.core.workflow.StatusChange;
import org.junit.jupiter.api.Test;

/** Who acts is recorded as author, creator and transition actor. */
class ActorTest {

    @Test
    void anActorHasAnIdRolesAndDepartments() {
        Actor a = Actor.user(" li.si ").withRoles("sales", "manager").inDepartments("华东销售部");
        assertThat(a.user()).isEqualTo(UserRef.of("li.si"));
        assertThat(a.hasRole("manager")).isTrue();
        assertThat(a.hasRole("admin")).isFalse();
        assertThat(a.inDepartment(DepartmentRef.of("华东销售部"))).isTrue();
        assertThat(Actor.SYSTEM.user()).isEqualTo(UserRef.of("system"));
        assertThat(Actor.of(UserRef.of("li.si")).inDepartments(DepartmentRef.of("华东销售部")).withRoles("sales", "manager"))
                .isEqualTo(a);
        assertThat(violationsOf(() -> Actor.user(" "))).containsExactly("userId:required");
        assertThat(violationsOf(() -> Actor.user("x".repeat(101)))).containsExactly("userId:too_long");
    }

    @Test
    void theDefaultActorIsTheSystem() {
        try (Crm crm = TestCrm.create()) {
            assertThat(crm.actor()).isEqualTo(Actor.SYSTEM);
            assertRecordedAs(crm, "system");
        }
    }

    @Test
    void theBuilderSetsAnotherDefaultActor() {
        Actor batch = Actor.user("nightly-import").withRoles("system");
        try (Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START)).defaultActor(batch).build()) {
            assertThat(crm.actor()).isEqualTo(batch);
            assertRecordedAs(crm, "nightly-import");
        }
    }

    @Test
    void asActsAsTheGivenUser() {
        try (Crm crm = TestCrm.create()) {
            CrmServices liSi = crm.as(Actor.user("li.si"));
            assertThat(liSi.actor().user()).isEqualTo(UserRef.of("li.si"));
            assertRecordedAs(liSi, "li.si");
            assertThat(crm.actor()).as("the facade keeps its default").isEqualTo(Actor.SYSTEM);
        }
    }

    private static void assertRecordedAs(CrmServices services, String userId) {
        UserRef actorId = UserRef.of(userId);
        Customer c = services.customers().create(NewCustomer.person("张三"));
        Interaction call = services.interactions().log(c.id(), Interaction.call(Direction.OUTBOUND));
        Requirement need = services.requirements().create(NewRequirement.of(c.id(), "报价"));
        Requirement started = services.requirements().start(need.id(), null);
        Task task = services.tasks().create(NewTask.titled("报价").about(c.id()).assignTo(Assignee.user(UserRef.of("wang.wu"))));
        Task moved = services.tasks().transition(task.id(), TaskStatus.IN_PROGRESS, null);
        Task commented = services.tasks().comment(task.id(), "进行中");

        assertThat(call.author()).isEqualTo(actorId);
        assertThat(need.createdBy()).isEqualTo(actorId);
        assertThat(started.history()).extracting(StatusChange::actor).containsExactly(actorId);
        assertThat(task.creator()).isEqualTo(actorId);
        assertThat(task.assignments()).singleElement().satisfies(a -> assertThat(a.by()).isEqualTo(actorId));
        assertThat(moved.statusHistory()).extracting(StatusChange::actor).containsExactly(actorId);
        assertThat(commented.comments()).singleElement().satisfies(cm -> assertThat(cm.author()).isEqualTo(actorId));
    }
}
