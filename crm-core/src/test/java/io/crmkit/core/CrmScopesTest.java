package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.interaction.InteractionId;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.TaskId;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several service calls as one unit of work: crm.inTransaction and crm.read. */
class CrmScopesTest {
    private final Crm crm = TestCrm.create();

    @AfterEach
    void close() {
        crm.close();
    }

    private long customers() {
        return crm.customers().search(CustomerQuery.all(), PageRequest.first(100)).items().size();
    }

    @Test
    void callsInATransactionCommitTogether() {
        Customer c = crm.inTransaction(s -> {
            Customer created = s.customers().create(NewCustomer.person("张三"));
            s.requirements().create(NewRequirement.of(created.id(), "开票"));
            return created;
        });
        assertThat(crm.requirements().ofCustomer(c.id(), PageRequest.first(10)).items()).hasSize(1);
    }

    @Test
    void aFailingCallRollsBackTheCallsBeforeIt() {
        assertThatThrownBy(() -> crm.inTransaction(s -> {
            s.customers().create(NewCustomer.person("张三"));
            return s.customers().create(NewCustomer.person(" ")); // no name
        })).isInstanceOf(ValidationException.class);
        assertThat(customers()).isZero();
    }

    @Test
    void aReadSeesEverythingAndRefusesWrites() {
        Customer c = crm.customers().create(NewCustomer.person("李四"));
        long seen = crm.read(s -> s.customers().require(c.id()) != null ? customers() : -1);
        assertThat(seen).isEqualTo(1);

        assertThatThrownBy(() -> crm.read(s -> s.customers().create(NewCustomer.person("王五"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> crm.read(s -> s.inTransaction(t -> t.customers().archive(c.id()))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(customers()).isEqualTo(1);
        assertThat(crm.customers().require(c.id()).isArchived()).isFalse();
    }

    @Test
    void aScopeActsAsItsActor() {
        Actor wang = Actor.user("wang.fang");
        Customer c = crm.customers().create(NewCustomer.person("赵六"));
        Interaction logged = crm.as(wang).inTransaction(s -> s.interactions().log(c.id(), Interaction.call(Direction.OUTBOUND)));
        assertThat(logged.author()).isEqualTo(UserRef.of("wang.fang"));
        assertThat(crm.as(wang).read(CrmServices::actor)).isEqualTo(wang);
    }

    @Test
    void requireNamesWhatIsMissing() {
        UUID none = new UUID(0x0190000000007000L, 0x8000000000000001L);
        assertThatThrownBy(() -> crm.customers().require(new CustomerId(none)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no customer");
        assertThatThrownBy(() -> crm.interactions().require(new InteractionId(none))).hasMessageContaining("no interaction");
        assertThatThrownBy(() -> crm.requirements().require(new RequirementId(none))).hasMessageContaining("no requirement");
        assertThatThrownBy(() -> crm.tasks().require(new TaskId(none))).hasMessageContaining("no task");
        assertThatThrownBy(() -> crm.surveys().require(new SurveyResponseId(none))).hasMessageContaining("no survey response");
        assertThatThrownBy(() -> crm.purchases().require(new PurchaseId(none))).hasMessageContaining("no purchase");
        assertThatThrownBy(() -> crm.messaging().require(new MessageId(none))).isInstanceOf(NotFoundException.class);
    }
}
