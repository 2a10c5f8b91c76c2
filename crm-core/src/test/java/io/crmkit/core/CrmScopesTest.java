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
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.messaging.MessageId;
import io.crmkit.core.requirement.NewRequirement;
import io.crmkit.core.requirement.RequirementId;
import io.crmkit.core.satisfaction.SurveyResponseId;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.UnitOfWork;
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
    void aReadRunsEveryCallInOneUnitOfWork() {
        CountingStorage storage = new CountingStorage(InMemoryStorage.create());
        try (Crm counted = Crm.builder().storage(storage).build()) {
            Customer c = counted.customers().create(NewCustomer.person("李四"));
            int before = storage.reads.get();
            String name = counted.read(s -> {
                s.customers().require(c.id());
                s.customers().search(CustomerQuery.all(), PageRequest.first(10));
                return s.customers().require(c.id()).displayName();
            });
            assertThat(name).isEqualTo("李四");
            assertThat(storage.reads.get() - before).as("units of work opened by one crm.read").isEqualTo(1);
            counted.customers().require(c.id());
            assertThat(storage.reads.get() - before).as("a call outside opens its own").isEqualTo(2);
        }
    }

    @Test
    void aReadSeesEverythingAndRefusesWrites() {
        Customer c = crm.customers().create(NewCustomer.person("李四"));
        String name = crm.read(s -> s.customers().require(c.id()).displayName());
        assertThat(name).isEqualTo("李四");

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
        UserRef author = crm.as(wang).read(s -> s.interactions().require(logged.id()).author());
        assertThat(author).isEqualTo(wang.user());
    }

    @Test
    void closingClosesTheChannelsThenTheStorage() {
        java.util.List<String> closed = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountingStorage storage = new CountingStorage(InMemoryStorage.create()) {
            @Override
            public void close() {
                closed.add("storage");
                super.close();
            }
        };
        io.crmkit.core.messaging.MessageChannel sms = new io.crmkit.core.messaging.MessageChannel() {
            @Override
            public io.crmkit.core.messaging.ChannelKind kind() {
                return io.crmkit.core.messaging.ChannelKind.SMS;
            }

            @Override
            public io.crmkit.core.messaging.DeliveryReceipt send(io.crmkit.core.messaging.OutboundMessage message) {
                return new io.crmkit.core.messaging.DeliveryReceipt("id");
            }

            @Override
            public void close() {
                closed.add("sms");
            }
        };
        Crm crm2 = Crm.builder().storage(storage)
                .messaging(io.crmkit.core.messaging.MessagingSettings.builder().channel(sms).build()).build();
        crm2.close();
        crm2.close();
        assertThat(closed).containsExactly("sms", "storage");
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

    /** Counts the units of work opened on a storage. */
    static class CountingStorage implements CrmStorage {
        final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        private final CrmStorage delegate;

        CountingStorage(CrmStorage delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> T inTransaction(UnitOfWork<T> work) {
            writes.incrementAndGet();
            return delegate.inTransaction(work);
        }

        @Override
        public <T> T read(UnitOfWork<T> work) {
            reads.incrementAndGet();
            return delegate.read(work);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
