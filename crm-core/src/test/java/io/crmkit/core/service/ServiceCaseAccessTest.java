package io.crmkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AccessDeniedException;
import io.crmkit.core.Crm;
import io.crmkit.core.CrmServices;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentHierarchy;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.ShareAccess;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.Assignee;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A case follows its customer: the owner, the department and a manager above see it; others do not. */
class ServiceCaseAccessTest {
    static final DepartmentRef EAST = DepartmentRef.of("华东客服");
    static final DepartmentRef WEST = DepartmentRef.of("华西客服");
    static final DepartmentRef SERVICE = DepartmentRef.of("客服中心");

    static final AccessPolicy POLICY = AccessPolicy.builder()
            .grant("rep", AccessLevel.OWN, RecordKind.CUSTOMER, Action.READ)
            .grantAll("rep", AccessLevel.OWN, RecordKind.SERVICE_CASE, RecordKind.INTERACTION)
            .grantAll("agent", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, RecordKind.SERVICE_CASE, RecordKind.INTERACTION)
            .grant("viewer", AccessLevel.DEPARTMENT, RecordKind.CUSTOMER, Action.READ)
            .grant("viewer", AccessLevel.DEPARTMENT, RecordKind.SERVICE_CASE, Action.READ)
            .departments(DepartmentHierarchy.ofParents(Map.of("华东客服", "客服中心", "华西客服", "客服中心")))
            .build();

    private final Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START)).access(POLICY).build();
    private final CrmServices owner = crm.as(new Actor(UserRef.of("li"), Set.of("rep"), Set.of(EAST)));
    private final CrmServices colleague = crm.as(new Actor(UserRef.of("zhao"), Set.of("agent"), Set.of(EAST)));
    private final CrmServices manager = crm.as(new Actor(UserRef.of("qian"), Set.of("agent"), Set.of(SERVICE)));
    private final CrmServices west = crm.as(new Actor(UserRef.of("wang"), Set.of("agent"), Set.of(WEST)));
    private final CrmServices viewer = crm.as(new Actor(UserRef.of("sun"), Set.of("viewer"), Set.of(EAST)));
    private final CrmServices nobody = crm.as(Actor.user("zhou"));
    private final Customer customer = crm.customers().create(NewCustomer.person("张三").owner(UserRef.of("li")).department(EAST));

    @AfterEach
    void close() {
        crm.close();
    }

    private ServiceCase open(CrmServices as) {
        return as.cases().create(NewServiceCase.of(customer.id(), ServiceCaseOrigin.PHONE, "repair", "s")
                .assignTo(Assignee.department(WEST)));
    }

    @Test
    void theOwnerTheDepartmentAndTheManagerAboveSeeTheCaseOthersDoNot() {
        ServiceCase c = open(owner);

        for (CrmServices sees : new CrmServices[] {owner, colleague, manager, viewer, crm}) {
            assertThat(sees.cases().get(c.id())).as("%s", sees.actor()).contains(c);
            assertThat(sees.cases().ofCustomer(customer.id(), PageRequest.first(10)).items()).as("%s", sees.actor()).containsExactly(c);
            assertThat(sees.cases().search(ServiceCaseQuery.all(), PageRequest.first(10)).items()).containsExactly(c);
            assertThat(sees.access().can(Action.READ, RecordKind.SERVICE_CASE, c.id().value())).isTrue();
        }
        for (CrmServices blind : new CrmServices[] {west, nobody}) { // west is the assignee department: it does not matter
            assertThat(blind.cases().get(c.id())).as("%s", blind.actor()).isEmpty();
            assertThat(blind.cases().ofCustomer(customer.id(), PageRequest.first(10)).items()).isEmpty();
            assertThat(blind.cases().search(ServiceCaseQuery.all(), PageRequest.first(10)).items()).isEmpty();
            assertThat(blind.cases().assignedToDepartment(WEST, PageRequest.first(10)).items()).isEmpty();
            assertThat(blind.access().can(Action.READ, RecordKind.SERVICE_CASE, c.id().value())).isFalse();
        }
    }

    @Test
    void aCaseOutOfReachIsMissingAndOneOnlyReadableIsRefused() {
        ServiceCase c = open(colleague);
        Interaction call = crm.interactions().log(customer.id(), Interaction.call(Direction.INBOUND));

        assertThatThrownBy(() -> west.cases().resolve(c.id(), null)).isInstanceOf(NotFoundException.class)
                .hasMessageNotContaining("张三");
        assertThatThrownBy(() -> west.cases().update(c.edit().subject("x"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> nobody.cases().linkInteraction(c.id(), call.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> viewer.cases().resolve(c.id(), null)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("sun may not edit service_case");
        assertThatThrownBy(() -> viewer.cases().assign(c.id(), Assignee.department(EAST))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> viewer.cases().linkInteraction(c.id(), call.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(crm.cases().require(c.id()).version()).as("nothing was written").isEqualTo(1);

        assertThat(owner.cases().resolve(c.id(), "好了").status()).isEqualTo(ServiceCaseStatus.RESOLVED);
        assertThat(manager.cases().linkInteraction(c.id(), call.id()).interactionIds()).containsExactly(call.id());
    }

    @Test
    void creatingTakesTheCreateRightOnTheCustomersCases() {
        assertThatThrownBy(() -> open(viewer)).isInstanceOf(AccessDeniedException.class).hasMessageContaining("may not create");
        assertThatThrownBy(() -> open(west)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> open(nobody)).isInstanceOf(NotFoundException.class);
        assertThat(crm.cases().ofCustomer(customer.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(open(manager).createdBy()).isEqualTo(UserRef.of("qian"));
    }

    @Test
    void aLinkedRecordOrParentOutOfReachIsMissing() {
        Customer elsewhere = crm.customers().create(NewCustomer.person("李四").department(WEST));
        Interaction theirs = crm.interactions().log(elsewhere.id(), Interaction.call(Direction.INBOUND));
        ServiceCase theirCase = crm.cases().create(NewServiceCase.of(elsewhere.id(), ServiceCaseOrigin.WEB, "repair", "s"));
        ServiceCase mine = open(colleague);

        assertThatThrownBy(() -> colleague.cases().linkInteraction(mine.id(), theirs.id()))
                .as("not other_customer: that would reveal it exists").isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> colleague.cases().setParent(mine.id(), theirCase.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSharedCustomerBringsItsCases() {
        ServiceCase c = open(owner);
        assertThat(nobody.cases().get(c.id())).isEmpty();

        crm.access().share(RecordKind.CUSTOMER, customer.id().value(), UserRef.of("zhou"), ShareAccess.READ);

        assertThat(nobody.cases().get(c.id())).contains(c);
        assertThatThrownBy(() -> nobody.cases().resolve(c.id(), null)).isInstanceOf(AccessDeniedException.class);
    }
}
