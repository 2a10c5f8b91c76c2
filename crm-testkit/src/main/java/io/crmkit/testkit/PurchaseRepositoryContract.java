package io.crmkit.testkit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.PageRequest;
import io.crmkit.core.commerce.Purchase;
import io.crmkit.core.commerce.PurchaseId;
import io.crmkit.core.commerce.PurchaseQuery;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.security.AccessScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static io.crmkit.testkit.StoredAssertions.assertSamePurchase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link io.crmkit.core.commerce.PurchaseRepository}: round trips (amounts compared by
 * value), unique external ids, lookup by external id, {@link PurchaseQuery} filters in id order, in
 * keyset pages, and the batch methods {@code insertAll} and {@code existingExternalIds}.
 */
public abstract class PurchaseRepositoryContract extends StorageContractSupport {
    private Customer customer;
    private Customer other;

    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected PurchaseRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    @BeforeEach
    void customers() {
        customer = data.person("A").build();
        other = data.person("B").build();
        write(r -> {
            r.customers().insert(customer);
            r.customers().insert(other);
        });
    }

    private void insert(Purchase... purchases) {
        write(r -> {
            for (Purchase p : purchases) {
                r.purchases().insert(p);
            }
        });
    }

    private Optional<Purchase> find(PurchaseId id) {
        return read(r -> r.purchases().findById(id));
    }

    private Optional<Purchase> byExternalId(String externalId) {
        return read(r -> r.purchases().findByExternalId(externalId));
    }

    private List<UUID> find(PurchaseQuery query) {
        return ids(readAllPages(PageRequest.MAX_LIMIT, (r, p) -> r.purchases().search(query, AccessScope.everything(), p)), p -> p.id().value());
    }

    private static UUID id(Purchase p) {
        return p.id().value();
    }

    @Test
    void insertedPurchaseReadsBackWithEveryField() {
        Purchase full = data.purchase(customer.id(), "123456789012345.6789", "CNY").quantity(3)
                .product("有机绿茶 " + TestStrings.EMOJI + TestStrings.SQL_INJECTION).externalId("ORDER-1'%_\\")
                .occurredAt(Instant.parse("2025-01-31T23:59:59.999999Z")).build();
        Purchase yen = data.purchase(other.id(), "1500", "JPY").build();
        Purchase cents = data.purchase(other.id(), "0.01", "USD").quantity(Integer.MAX_VALUE).build();
        Purchase zero = data.purchase(customer.id(), "0", "EUR").build();
        insert(full, yen, cents, zero);

        for (Purchase p : List.of(full, yen, cents, zero)) {
            assertSamePurchase(find(p.id()).orElseThrow(() -> new AssertionError("not stored: " + p)), p);
        }
        assertThat(find(data.purchaseId())).isEmpty();
    }

    @Test
    void findByExternalIdMatchesExactly() {
        Purchase a = data.purchase(customer.id(), "10", "CNY").externalId("SO-001").build();
        Purchase b = data.purchase(customer.id(), "20", "CNY").externalId("so-001").build();
        Purchase c = data.purchase(customer.id(), "30", "CNY").externalId("订单%_\\").build();
        Purchase none = data.purchase(customer.id(), "40", "CNY").build();
        insert(a, b, c, none);

        assertThat(byExternalId("SO-001")).map(Purchase::id).contains(a.id());
        assertThat(byExternalId("so-001")).map(Purchase::id).contains(b.id());
        assertThat(byExternalId("订单%_\\")).map(Purchase::id).contains(c.id());
        assertThat(byExternalId("订单%")).isEmpty();
        assertThat(byExternalId("SO-00")).isEmpty();
    }

    @Test
    void duplicateExternalIdConflictsAndStoresNothing() {
        Purchase first = data.purchase(customer.id(), "10", "CNY").externalId("SO-1").build();
        insert(first);
        Purchase duplicate = data.purchase(other.id(), "99", "USD").externalId("SO-1").build();

        assertThatThrownBy(() -> insert(duplicate)).isInstanceOf(ConflictException.class);
        assertThat(find(duplicate.id())).isEmpty();
        assertThat(byExternalId("SO-1")).map(Purchase::id).contains(first.id());
    }

    @Test
    void insertWithExistingIdConflicts() {
        Purchase first = data.purchase(customer.id(), "10", "CNY").build();
        insert(first);
        Purchase again = data.purchase(customer.id(), "11", "CNY").id(first.id()).build();

        assertThatThrownBy(() -> insert(again)).isInstanceOf(ConflictException.class);
        assertSamePurchase(find(first.id()).orElseThrow(), first);
    }

    @Test
    void purchasesWithoutExternalIdNeverConflict() {
        Purchase a = data.purchase(customer.id(), "1", "CNY").build();
        Purchase b = data.purchase(customer.id(), "1", "CNY").build();
        Purchase c = data.purchase(customer.id(), "1", "CNY").build();
        insert(a, b);
        insert(c);

        assertThat(find(PurchaseQuery.all())).containsExactly(id(a), id(b), id(c));
    }

    @Test
    void queryFiltersByCustomerAndPeriodInIdOrder() {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2025-02-01T00:00:00Z");
        Purchase before = data.purchase(customer.id(), "1", "CNY").occurredAt(from.minusNanos(1_000)).build();
        Purchase atFrom = data.purchase(customer.id(), "2", "CNY").occurredAt(from).build();
        Purchase others = data.purchase(other.id(), "3", "CNY").occurredAt(from.plusSeconds(5)).build();
        Purchase lastMicro = data.purchase(customer.id(), "4", "CNY").occurredAt(to.minusNanos(1_000)).build();
        Purchase atTo = data.purchase(customer.id(), "5", "CNY").occurredAt(to).build();
        insert(atTo, lastMicro, others, atFrom, before);

        assertThat(find(PurchaseQuery.all())).containsExactly(id(before), id(atFrom), id(others), id(lastMicro), id(atTo));
        assertThat(find(PurchaseQuery.all().customer(customer.id())))
                .containsExactly(id(before), id(atFrom), id(lastMicro), id(atTo));
        assertThat(find(PurchaseQuery.all().between(from, to))).containsExactly(id(atFrom), id(others), id(lastMicro));
        assertThat(find(PurchaseQuery.all().customer(customer.id()).between(from, to)))
                .containsExactly(id(atFrom), id(lastMicro));
        assertThat(find(PurchaseQuery.all().customer(data.customerId()))).isEmpty();
        assertThat(find(new PurchaseQuery(Optional.empty(), Optional.of(to), Optional.empty()))).containsExactly(id(atTo));
    }

    @Test
    void pagesCoverEveryPurchaseOnceInIdOrder() {
        List<Purchase> all = new ArrayList<>();
        List<Purchase> mine = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Purchase p = data.purchase(i % 3 == 0 ? other.id() : customer.id(), i + ".5", "CNY")
                    .externalId(i % 2 == 0 ? "SO-" + i : null).build();
            all.add(p);
            if (p.customerId().equals(customer.id())) {
                mine.add(p);
            }
        }
        List<Purchase> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(17));
        insert(shuffled.toArray(Purchase[]::new));

        for (int limit : PAGE_LIMITS) {
            assertThat(ids(readAllPages(limit, (r, p) -> r.purchases().search(PurchaseQuery.all(), AccessScope.everything(), p)), p -> p.id().value()))
                    .as("all, limit %d", limit).containsExactlyElementsOf(ids(all, p -> p.id().value()));
            assertThat(ids(readAllPages(limit, (r, p) -> r.purchases().search(PurchaseQuery.all().customer(customer.id()), AccessScope.everything(), p)),
                    p -> p.id().value())).as("one customer's, limit %d", limit)
                    .containsExactlyElementsOf(ids(mine, p -> p.id().value()));
        }
    }

    // ---- batch methods ------------------------------------------------------------------------------

    private void insertAll(List<Purchase> purchases) {
        write(r -> r.purchases().insertAll(purchases));
    }

    private Set<String> existingExternalIds(Collection<String> externalIds) {
        return read(r -> r.purchases().existingExternalIds(externalIds));
    }

    @Test
    void insertAllStoresEveryPurchase() {
        List<Purchase> batch = new ArrayList<>();
        batch.add(data.purchase(customer.id(), "123456789012345.6789", "CNY").quantity(3)
                .product("有机绿茶 " + TestStrings.EMOJI).externalId("SO-1'%_\\").build());
        for (int i = 0; i < 30; i++) {
            batch.add(data.purchase(i % 2 == 0 ? customer.id() : other.id(), i + ".25", "USD")
                    .externalId(i % 3 == 0 ? null : "B-" + i).build());
        }
        insertAll(batch);

        for (Purchase p : batch) {
            assertSamePurchase(find(p.id()).orElseThrow(() -> new AssertionError("not stored: " + p)), p);
        }
        assertThat(byExternalId("SO-1'%_\\")).map(Purchase::id).contains(batch.get(0).id());
        assertThat(find(PurchaseQuery.all())).containsExactlyElementsOf(ids(batch, p -> p.id().value()));
    }

    @Test
    void insertAllOfNothingStoresNothing() {
        Purchase before = data.purchase(customer.id(), "1", "CNY").build();
        insert(before);

        insertAll(List.of());

        assertThat(find(PurchaseQuery.all())).containsExactly(id(before));
    }

    @Test
    void insertAllWithTakenExternalIdConflictsAndLeavesNothingOfTheBatch() {
        Purchase holder = data.purchase(customer.id(), "10", "CNY").externalId("SO-taken").build();
        insert(holder);
        Purchase first = data.purchase(customer.id(), "1", "CNY").externalId("SO-new").build();
        Purchase taker = data.purchase(other.id(), "2", "CNY").externalId("SO-taken").build();
        Purchase last = data.purchase(other.id(), "3", "CNY").build();

        assertThatThrownBy(() -> insertAll(List.of(first, taker, last))).isInstanceOf(ConflictException.class);

        assertThat(find(PurchaseQuery.all())).containsExactly(id(holder));
        assertThat(byExternalId("SO-new")).isEmpty();
        assertThat(byExternalId("SO-taken")).map(Purchase::id).contains(holder.id());
    }

    @Test
    void insertAllWithTheSameExternalIdTwiceConflictsAndLeavesNothing() {
        Purchase a = data.purchase(customer.id(), "1", "CNY").externalId("SO-twice").build();
        Purchase b = data.purchase(other.id(), "2", "CNY").externalId("SO-twice").build();

        assertThatThrownBy(() -> insertAll(List.of(a, b))).isInstanceOf(ConflictException.class);

        assertThat(find(PurchaseQuery.all())).isEmpty();
        assertThat(byExternalId("SO-twice")).isEmpty();
    }

    @Test
    void existingExternalIdsMatchExactly() {
        insert(data.purchase(customer.id(), "1", "CNY").externalId("SO-001").build(),
                data.purchase(customer.id(), "2", "CNY").externalId("订单%_\\").build(),
                data.purchase(other.id(), "3", "CNY").externalId("so-002").build(),
                data.purchase(other.id(), "4", "CNY").build());

        assertThat(existingExternalIds(List.of("SO-001", "so-001", "SO-002", "so-002", "订单%_\\", "订单%", "SO-00", "")))
                .containsExactlyInAnyOrder("SO-001", "so-002", "订单%_\\");
        assertThat(existingExternalIds(List.of("missing"))).isEmpty();
        assertThat(existingExternalIds(List.of())).isEmpty();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add("X-" + i);
        }
        many.add("SO-001");
        assertThat(existingExternalIds(many)).containsExactly("SO-001");
    }
}
