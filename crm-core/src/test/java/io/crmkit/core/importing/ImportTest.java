package io.crmkit.core.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.NewPurchase;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.CustomerRepository;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.customer.NewCustomer;
import io.crmkit.core.memory.InMemoryStorage;
import io.crmkit.core.security.UserRef;
import io.crmkit.core.spi.CrmStorage;
import io.crmkit.core.spi.Repositories;
import io.crmkit.core.spi.UnitOfWork;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImportTest {
    private Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();

    @AfterEach
    void close() {
        crm.close();
    }

    private static NewCustomer row(int i) {
        return NewCustomer.person("客户 " + i).email("c" + i + "@example.com").phone("1380013" + String.format("%04d", i))
                .externalRef("erp", "C-" + i).tag("import");
    }

    private long count(CustomerQuery q) {
        long n = 0;
        PageRequest page = PageRequest.first(500);
        while (true) {
            var p = crm.customers().search(q, page);
            n += p.size();
            if (!p.hasNext()) {
                return n;
            }
            page = page.next(p).orElseThrow();
        }
    }

    @Test
    void validRowsAreInsertedAndInvalidRowsRejectedWithReasonsWithoutStoppingTheOthers() {
        List<ImportRow> seen = new ArrayList<>();
        List<ImportProgress> progress = new ArrayList<>();
        Stream<NewCustomer> rows = IntStream.range(0, 1000).mapToObj(i -> switch (i) {
            case 17 -> NewCustomer.person("  ");
            case 500 -> row(i).email("not-an-email");
            case 999 -> row(i).phone("12ab");
            default -> row(i);
        });
        ImportReport report = crm.customers().importAll(rows,
                ImportOptions.insertOnly().batchSize(128).onRow(seen::add).onProgress(progress::add));

        assertThat(report.total()).isEqualTo(1000);
        assertThat(report.inserted()).isEqualTo(997);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.problems()).extracting(ImportRow::index).containsExactly(17L, 500L, 999L);
        assertThat(report.problems().get(0).problems()).extracting(v -> v.field()).containsExactly("displayName");
        assertThat(report.problems().get(1).problems()).extracting(v -> v.field()).containsExactly("emails[1]");
        assertThat(report.problems().get(2).problems()).extracting(v -> v.field()).containsExactly("phones[1]");
        assertThat(seen).hasSize(1000).extracting(ImportRow::index).isSorted();
        assertThat(progress).hasSize(8).last().isEqualTo(new ImportProgress(1000, 997, 0, 3, 0));
        assertThat(count(CustomerQuery.all().tag("import"))).isEqualTo(997);
        assertThat(crm.customers().findByExternalRef("erp", "C-17")).isEmpty();
        assertThat(crm.customers().findByExternalRef("erp", "C-18")).isPresent();
    }

    @Test
    void aKeyRepeatedInTheInputIsADuplicateAndStoredOnce() {
        ImportReport report = crm.customers().importAll(Stream.of(row(1), row(2), row(1).displayName("again"), row(3), row(2)),
                ImportOptions.insertOnly().batchSize(2));
        assertThat(report.inserted()).isEqualTo(3);
        assertThat(report.duplicates()).isEqualTo(2);
        assertThat(report.problems()).extracting(ImportRow::index, ImportRow::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, ImportRow.Outcome.DUPLICATE),
                        org.assertj.core.groups.Tuple.tuple(4L, ImportRow.Outcome.DUPLICATE));
        assertThat(crm.customers().findByExternalRef("erp", "C-1").orElseThrow().displayName()).isEqualTo("客户 1");
    }

    @Test
    void upsertByExternalReferenceUpdatesTheMatchAndInsertsTheRest() {
        Customer existing = crm.customers().create(NewCustomer.person("旧名字").externalRef("erp", "C-1").tag("old")
                .email("old@example.com").stage(LifecycleStage.CUSTOMER).owner(UserRef.of("wang")));
        ImportReport report = crm.customers().importAll(Stream.of(row(1), row(2)), ImportOptions.upsertByExternalRef("erp"));

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.inserted()).isEqualTo(1);
        Customer updated = crm.customers().require(existing.id());
        assertThat(updated.displayName()).isEqualTo("客户 1");
        assertThat(updated.tags()).containsExactly("old", "import");
        assertThat(updated.emails()).extracting(Object::toString).containsExactly("old@example.com", "c1@example.com");
        assertThat(updated.stage()).isEqualTo(LifecycleStage.CUSTOMER); // the row did not set one
        assertThat(updated.owner()).contains(UserRef.of("wang"));
        assertThat(updated.version()).isEqualTo(existing.version() + 1);
        assertThat(count(CustomerQuery.all())).isEqualTo(2);
    }

    @Test
    void upsertByEmailMatchesCaseInsensitively() {
        Customer existing = crm.customers().create(NewCustomer.person("Anna").email("Anna@Example.com"));
        ImportReport report = crm.customers().importAll(Stream.of(NewCustomer.person("Anna Li").email("anna@EXAMPLE.com").tag("vip")),
                ImportOptions.upsertByEmail());
        assertThat(report.updated()).isEqualTo(1);
        Customer updated = crm.customers().require(existing.id());
        assertThat(updated.displayName()).isEqualTo("Anna Li");
        assertThat(updated.tags()).containsExactly("vip");
    }

    @Test
    void rowsThatWouldStealAReferenceOrChangeAKindAreRejected() {
        crm.customers().create(NewCustomer.organization("华为").externalRef("erp", "C-1"));
        crm.customers().create(NewCustomer.person("张三").externalRef("crm-old", "77"));
        ImportReport report = crm.customers().importAll(Stream.of(
                        NewCustomer.person("李四").externalRef("erp", "C-1"),                       // kind differs from the match
                        NewCustomer.person("王五").externalRef("erp", "C-9").externalRef("crm-old", "77")), // 77 is 张三's
                ImportOptions.upsertByExternalRef("erp"));
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(report.problems().get(0).problems()).extracting(v -> v.code()).containsExactly("mismatch");
        assertThat(report.problems().get(1).problems()).extracting(v -> v.code()).containsExactly("conflict");
        assertThat(crm.customers().findByExternalRef("erp", "C-9")).isEmpty();
    }

    @Test
    void whenABatchFailsAsAWholeOnlyTheFailingRowIsRejected() {
        CrmStorage flaky = new FlakyStorage(InMemoryStorage.create(), "poison");
        try (Crm withFlaky = Crm.builder().storage(flaky).build()) {
            ImportReport report = withFlaky.customers().importAll(
                    Stream.of(NewCustomer.person("a"), NewCustomer.person("poison"), NewCustomer.person("c")),
                    ImportOptions.insertOnly().batchSize(10));
            assertThat(report.inserted()).isEqualTo(2);
            assertThat(report.rejected()).isEqualTo(1);
            assertThat(report.problems()).singleElement().satisfies(r -> {
                assertThat(r.index()).isEqualTo(1);
                assertThat(r.problems()).extracting(v -> v.code()).containsExactly("conflict");
            });
            assertThat(withFlaky.customers().search(CustomerQuery.all(), PageRequest.first(10)).items())
                    .extracting(Customer::displayName).containsExactly("a", "c");
        }
    }

    @Test
    void purchasesImportOnceByExternalIdAndRejectUnknownCustomers() {
        Customer c = crm.customers().create(NewCustomer.person("买家"));
        crm.purchases().record(NewPurchase.of(c.id(), new BigDecimal("10"), "CNY").externalId("SO-1"));
        Instant t = Instant.parse("1997-01-01T00:00:00Z");
        ImportReport report = crm.purchases().importAll(Stream.of(
                NewPurchase.of(c.id(), new BigDecimal("29.33"), "USD").externalId("SO-1").occurredAt(t),   // stored already
                NewPurchase.of(c.id(), new BigDecimal("29.33"), "USD").externalId("SO-2").occurredAt(t),
                NewPurchase.of(c.id(), new BigDecimal("1.5"), "USD").externalId("SO-2").occurredAt(t),     // repeated in input
                NewPurchase.of(new CustomerId(UUID.randomUUID()), BigDecimal.ONE, "USD").externalId("SO-3"),
                NewPurchase.of(c.id(), new BigDecimal("-1"), "XXXX"),
                NewPurchase.of(c.id(), new BigDecimal("5"), "USD").occurredAt(t)), ImportOptions.insertOnly().batchSize(4));

        assertThat(report.inserted()).isEqualTo(2);
        assertThat(report.duplicates()).isEqualTo(2);
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(report.problems()).extracting(ImportRow::index).containsExactly(0L, 2L, 3L, 4L);
        assertThat(report.problems().get(3).problems()).extracting(v -> v.field()).containsExactly("amount", "currency");
        assertThat(crm.purchases().search(PurchaseQuery.all().customer(c.id()), PageRequest.first(10)).items()).hasSize(3);
    }

    /** Storage whose batched customer insert fails when a row carries a poison name, as a lost race would. */
    private static final class FlakyStorage implements CrmStorage {
        private final CrmStorage delegate;
        private final String poison;

        FlakyStorage(CrmStorage delegate, String poison) {
            this.delegate = delegate;
            this.poison = poison;
        }

        @Override
        public <T> T inTransaction(UnitOfWork<T> work) {
            return delegate.inTransaction(repos -> work.run(wrap(repos)));
        }

        private Repositories wrap(Repositories repos) {
            CustomerRepository customers = repos.customers();
            CustomerRepository failing = (CustomerRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {CustomerRepository.class}, (proxy, method, args) -> {
                        if (method.getName().equals("insertAll") && ((List<?>) args[0]).stream()
                                .anyMatch(c -> ((Customer) c).displayName().equals(poison))) {
                            throw new ConflictException("unique key taken");
                        }
                        if (method.isDefault()) {
                            return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                        }
                        try {
                            return method.invoke(customers, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return (Repositories) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Repositories.class},
                    (proxy, method, args) -> method.getName().equals("customers") ? failing : method.invoke(repos, args));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
