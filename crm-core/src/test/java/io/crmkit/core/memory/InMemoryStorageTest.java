package io.crmkit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.StorageException;
import io.crmkit.core.TestCrm;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerKind;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.spi.CrmStorage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The storage port of InMemoryStorage, used the way an adapter's caller does. */
class InMemoryStorageTest {
    private static final Instant NOW = Instant.parse(TestCrm.START);

    private final CrmStorage storage = InMemoryStorage.create();
    private final Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START)).storage(storage).build();

    @AfterEach
    void close() {
        crm.close();
    }

    private static Customer customer(String name, String erpId) {
        return Customer.builder()
                .id(new CustomerId(UUID.randomUUID()))
                .kind(CustomerKind.PERSON)
                .displayName(name)
                .externalRefs(List.of(ExternalRef.of("erp", erpId)))
                .createdAt(NOW)
                .updatedAt(NOW)
                .version(1)
                .build();
    }

    private Optional<Customer> byId(CustomerId id) {
        return storage.read(repos -> repos.customers().findById(id));
    }

    private Optional<Customer> byRef(String erpId) {
        return storage.read(repos -> repos.customers().findByExternalRef(ExternalRef.of("erp", erpId)));
    }

    @Test
    void aUnitOfWorkThatThrowsLeavesNothingBehind() {
        Customer kept = customer("保留", "E-0");
        storage.inTransaction(repos -> {
            repos.customers().insert(kept);
            return null;
        });
        Customer inserted = customer("插入", "E-1");
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> storage.inTransaction(repos -> {
            repos.customers().insert(inserted);
            repos.customers().update(kept.toBuilder().displayName("改过").externalRefs(List.of(ExternalRef.of("erp", "E-9")))
                    .version(2).build());
            throw boom;
        })).isSameAs(boom);

        assertThat(byId(inserted.id())).isEmpty();
        assertThat(byId(kept.id())).contains(kept);
        assertThat(byRef("E-1")).isEmpty();
        assertThat(byRef("E-9")).isEmpty();
        assertThat(byRef("E-0")).contains(kept);
        // the unique keys were released: the same references can be taken now
        Customer retaken = customer("再来", "E-1");
        storage.inTransaction(repos -> {
            repos.customers().insert(retaken);
            return null;
        });
        assertThat(crm.customers().findByExternalRef("erp", "E-1")).contains(retaken);
    }

    @Test
    void aFailingServiceCallInsideAUnitOfWorkIsRolledBackWithIt() {
        assertThatThrownBy(() -> storage.inTransaction(repos -> {
            crm.customers().create(NewCustomer.person("张三").externalRef("erp", "X-1"));
            return crm.customers().create(NewCustomer.person("李四").externalRef("erp", "X-1"));
        })).isInstanceOf(ConflictException.class);

        assertThat(crm.customers().findByExternalRef("erp", "X-1")).isEmpty();
    }

    @Test
    void optimisticLockingAndUniquenessAreEnforcedByTheRepository() {
        Customer c = customer("张三", "E-1");
        storage.inTransaction(repos -> {
            repos.customers().insert(c);
            return null;
        });

        assertThatThrownBy(() -> storage.inTransaction(repos -> {
            repos.customers().insert(c);
            return null;
        })).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> storage.inTransaction(repos -> {
            repos.customers().update(c.toBuilder().version(3).build());
            return null;
        })).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> storage.inTransaction(repos -> {
            repos.customers().insert(customer("李四", "E-1"));
            return null;
        })).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> storage.inTransaction(repos -> {
            repos.customers().update(customer("无此人", "E-2").toBuilder().version(2).build());
            return null;
        })).isInstanceOf(NotFoundException.class);
        assertThat(byId(c.id())).contains(c);
    }

    @Test
    void aReadUnitOfWorkCannotWrite() {
        assertThatThrownBy(() -> storage.read(repos -> {
            repos.customers().insert(customer("张三", "E-1"));
            return null;
        })).isInstanceOf(StorageException.class);
        assertThat(byRef("E-1")).isEmpty();
    }

    @Test
    void aClosedStorageRefusesWork() {
        CrmStorage closed = InMemoryStorage.create();
        closed.close();
        closed.close();
        assertThatThrownBy(() -> closed.read(repos -> repos.customers().findById(new CustomerId(UUID.randomUUID()))))
                .isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> closed.inTransaction(repos -> null)).isInstanceOf(StorageException.class);
    }

    @Test
    void closingTheCrmClosesItsStorage() {
        Crm other = TestCrm.create();
        other.close();
        assertThatThrownBy(() -> other.customers().create(NewCustomer.person("张三"))).isInstanceOf(StorageException.class);
    }
}
