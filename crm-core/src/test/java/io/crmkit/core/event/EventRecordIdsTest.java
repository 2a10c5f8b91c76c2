package io.crmkit.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.interaction.Direction;
import io.crmkit.core.interaction.Interaction;
import io.crmkit.core.security.AccessLevel;
import io.crmkit.core.security.AccessPolicy;
import io.crmkit.core.security.Action;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.RecordKind;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.task.NewTask;
import io.crmkit.core.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every event names its record, so a host passes it on only to users who may read that record. */
class EventRecordIdsTest {
    @Test
    void eventsNameTheirRecordAndAnActorsRightToItCanBeAsked() {
        List<DomainEvent> events = new ArrayList<>();
        AccessPolicy policy = AccessPolicy.builder().grantAll("sales", AccessLevel.DEPARTMENT, RecordKind.values()).build();
        try (Crm crm = TestCrm.builder(io.crmkit.core.MutableClock.at(TestCrm.START)).access(policy).listener(events::add).build()) {
            Customer c = crm.customers().create(NewCustomer.person("张三").department(DepartmentRef.of("east")));
            Interaction i = crm.interactions().log(c.id(), Interaction.call(Direction.INBOUND));
            Task t = crm.tasks().create(NewTask.titled("回访").about(c.id()));

            assertThat(events).extracting(DomainEvent::recordKind)
                    .containsExactly(RecordKind.CUSTOMER, RecordKind.INTERACTION, RecordKind.TASK);
            assertThat(events).extracting(DomainEvent::recordId)
                    .containsExactly(c.id().value(), i.id().value(), t.id().value());

            var east = crm.as(new Actor(UserRef.of("li"), Set.of("sales"), Set.of(DepartmentRef.of("east"))));
            var west = crm.as(new Actor(UserRef.of("wang"), Set.of("sales"), Set.of(DepartmentRef.of("west"))));
            DomainEvent logged = events.get(1);
            assertThat(east.access().can(Action.READ, logged.recordKind(), logged.recordId())).isTrue();
            assertThat(west.access().can(Action.READ, logged.recordKind(), logged.recordId())).isFalse();
        }
    }
}
