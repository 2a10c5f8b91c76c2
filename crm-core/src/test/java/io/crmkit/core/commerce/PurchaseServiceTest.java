package io.crmkit.core.commerce;

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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PurchaseServiceTest {
    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Crm crm = TestCrm.create(clock);
    private final PurchaseService purchases = crm.purchases();
    private final Customer customer = crm.customers().create(NewCustomer.person("张三"));

    @AfterEach
    void close() {
        crm.close();
    }

    private List<Purchase> find(PurchaseQuery query) {
        return Pages.all(p -> purchases.search(query, p), 2);
    }

    @Test
    void everyFieldIsKept() {
        Instant at = clock.instant().minus(Duration.ofDays(1));
        Purchase p = purchases.record(NewPurchase.of(customer.id(), new BigDecimal("1999.9900"), "CNY")
                .occurredAt(at).quantity(3).product("  电饭煲 IH-5L ").externalId("SO-1001"));

        assertThat(p.customerId()).isEqualTo(customer.id());
        assertThat(p.occurredAt()).isEqualTo(at);
        assertThat(p.amount()).isEqualByComparingTo("1999.99");
        assertThat(p.currency()).isEqualTo(Currency.getInstance("CNY"));
        assertThat(p.quantity()).isEqualTo(3);
        assertThat(p.product()).contains("电饭煲 IH-5L");
        assertThat(p.externalId()).contains("SO-1001");
        assertThat(purchases.get(p.id())).contains(p);
        assertThat(purchases.findByExternalId("SO-1001")).contains(p);
    }

    @Test
    void defaultsAreNowAndQuantityOne() {
        Purchase p = purchases.record(NewPurchase.of(customer.id(), BigDecimal.ZERO, Currency.getInstance("USD")));
        assertThat(p.occurredAt()).isEqualTo(clock.instant());
        assertThat(p.quantity()).isEqualTo(1);
        assertThat(p.product()).isEmpty();
        assertThat(p.externalId()).isEmpty();
    }

    @Test
    void aNegativeAmountIsRejected() {
        assertThat(violationsOf(() -> purchases.record(NewPurchase.of(customer.id(), new BigDecimal("-0.01"), "CNY"))))
                .containsExactly("amount:negative");
        assertThat(find(PurchaseQuery.all())).isEmpty();
    }

    @Test
    void atMostFourDecimals() {
        purchases.record(NewPurchase.of(customer.id(), new BigDecimal("0.0001"), "CNY"));
        purchases.record(NewPurchase.of(customer.id(), new BigDecimal("1.230000"), "CNY"));
        assertThat(violationsOf(() -> purchases.record(NewPurchase.of(customer.id(), new BigDecimal("0.00001"), "CNY"))))
                .containsExactly("amount:scale");
        assertThat(violationsOf(() -> purchases.record(NewPurchase.of(customer.id(), new BigDecimal("10.12345"), "CNY"))))
                .containsExactly("amount:scale");
        assertThat(find(PurchaseQuery.all())).hasSize(2);
    }

    @Test
    void atMostFifteenIntegerDigits() {
        purchases.record(NewPurchase.of(customer.id(), new BigDecimal("999999999999999.9999"), "CNY"));
        assertThat(violationsOf(() -> purchases.record(NewPurchase.of(customer.id(), new BigDecimal("1000000000000000"), "CNY"))))
                .containsExactly("amount:too_large");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cny", "RMB", "XYZ", "CN", "CNYY", "", " CNY"})
    void aBadCurrencyCodeIsRejected(String code) {
        assertThat(violationsOf(() -> purchases.record(NewPurchase.of(customer.id(), BigDecimal.TEN, code))))
                .containsExactly("currency:format");
        assertThat(find(PurchaseQuery.all())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void quantityBelowOneIsRejected(int quantity) {
        assertThat(violationsOf(() -> purchases.record(NewPurchase.of(customer.id(), BigDecimal.TEN, "CNY").quantity(quantity))))
                .containsExactly("quantity:range");
        assertThat(find(PurchaseQuery.all())).isEmpty();
    }

    @Test
    void everyViolationIsListedAtOnce() {
        assertThat(violationsOf(() -> purchases.record(NewPurchase.of(customer.id(), new BigDecimal("-1.123456"), "usd")
                .quantity(0).product("p".repeat(201)).externalId("e".repeat(101)))))
                .containsExactlyInAnyOrder("amount:negative", "amount:scale", "currency:format", "quantity:range",
                        "product:too_long", "externalId:too_long");
        assertThat(violationsOf(() -> purchases.record(NewPurchase.of(customer.id(), null, "CNY"))))
                .containsExactly("amount:required");
    }

    @Test
    void theSameExternalIdTwiceStoresOnceAndReturnsTheFirst() {
        Purchase first = purchases.record(NewPurchase.of(customer.id(), new BigDecimal("88.00"), "CNY").externalId("SO-7"));
        clock.advance(Duration.ofMinutes(1));
        Purchase again = purchases.record(NewPurchase.of(customer.id(), new BigDecimal("99.00"), "CNY").externalId(" SO-7 "));

        assertThat(again).isEqualTo(first);
        assertThat(find(PurchaseQuery.all())).containsExactly(first);
        assertThat(purchases.findByExternalId("SO-7")).contains(first);
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        assertThatThrownBy(() -> purchases.record(NewPurchase.of(CustomerId.parse("01900000-0000-7000-8000-000000000030"),
                BigDecimal.ONE, "CNY"))).isInstanceOf(NotFoundException.class);
        assertThat(find(PurchaseQuery.all())).isEmpty();
    }

    @Test
    void findByCustomerAndHalfOpenPeriod() {
        Customer other = crm.customers().create(NewCustomer.person("李四"));
        Instant t0 = clock.instant();
        Purchase jan = purchases.record(NewPurchase.of(customer.id(), BigDecimal.ONE, "CNY").occurredAt(Instant.parse("2025-01-15T00:00:00Z")));
        Purchase febStart = purchases.record(NewPurchase.of(customer.id(), BigDecimal.ONE, "CNY").occurredAt(Instant.parse("2025-02-01T00:00:00Z")));
        Purchase marStart = purchases.record(NewPurchase.of(customer.id(), BigDecimal.ONE, "CNY").occurredAt(Instant.parse("2025-03-01T00:00:00Z")));
        Purchase theirs = purchases.record(NewPurchase.of(other.id(), BigDecimal.ONE, "EUR").occurredAt(Instant.parse("2025-02-10T00:00:00Z")));

        Instant feb = Instant.parse("2025-02-01T00:00:00Z");
        Instant mar = Instant.parse("2025-03-01T00:00:00Z");
        assertThat(find(PurchaseQuery.all().customer(customer.id()))).containsExactly(jan, febStart, marStart);
        assertThat(find(PurchaseQuery.all().customer(other.id()))).containsExactly(theirs);
        assertThat(find(PurchaseQuery.all().between(feb, mar))).containsExactly(febStart, theirs);
        assertThat(find(PurchaseQuery.all().customer(customer.id()).between(feb, mar))).containsExactly(febStart);
        assertThat(find(PurchaseQuery.all().between(mar, t0))).containsExactly(marStart);
    }
}
