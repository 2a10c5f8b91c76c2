package io.crmkit.core.customer;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerSearchTest {
    private final Crm crm = TestCrm.create();
    private final CustomerService customers = crm.customers();

    private Customer zhangSan;
    private Customer zhangSanFeng;
    private Customer alice;
    private Customer acme;
    private Customer bob;

    @BeforeEach
    void data() {
        acme = customers.create(NewCustomer.organization("ACME Trading 有限公司")
                .externalRef("erp", "ORG-1").department(DepartmentRef.of("sales")).tag("wholesale"));
        zhangSan = customers.create(NewCustomer.person("张三").email("zhangsan@example.com").phone("13800138000")
                .tag("VIP").stage(LifecycleStage.CUSTOMER).owner(UserRef.of("li.si")).department(DepartmentRef.of("sales"))
                .externalRef("erp", "C-10086").organization(acme.id()));
        zhangSanFeng = customers.create(NewCustomer.person("张三丰").email("zsf@wudang.cn").phone("+86 139 0000 1111")
                .tag("vip", "martial").stage(LifecycleStage.PROSPECT).owner(UserRef.of("wang.wu")).department(DepartmentRef.of("finance")));
        alice = customers.create(NewCustomer.person("Alice Zhang").email("Alice@Example.com").phone("+1 415 555 0132")
                .stage(LifecycleStage.LEAD).owner(UserRef.of("li.si")));
        bob = customers.create(NewCustomer.person("Bob 老张").stage(LifecycleStage.INACTIVE));
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private List<Customer> find(CustomerQuery query) {
        return Pages.all(p -> customers.search(query, p), 2);
    }

    @Test
    void allReturnsEveryoneInCreationOrder() {
        assertThat(find(CustomerQuery.all())).containsExactly(acme, zhangSan, zhangSanFeng, alice, bob);
    }

    @Test
    void byNamePrefixIgnoringCase() {
        assertThat(find(CustomerQuery.all().nameStartsWith("张三"))).containsExactly(zhangSan, zhangSanFeng);
        assertThat(find(CustomerQuery.all().nameStartsWith("张三丰"))).containsExactly(zhangSanFeng);
        assertThat(find(CustomerQuery.all().nameStartsWith("aLiCe"))).containsExactly(alice);
        assertThat(find(CustomerQuery.all().nameStartsWith("  acme "))).containsExactly(acme);
        assertThat(find(CustomerQuery.all().nameStartsWith("Zhang"))).isEmpty();
    }

    @Test
    void byNameContainingIgnoringCase() {
        assertThat(find(CustomerQuery.all().nameContains("ZHANG"))).containsExactly(alice);
        assertThat(find(CustomerQuery.all().nameContains("张"))).containsExactly(zhangSan, zhangSanFeng, bob);
        assertThat(find(CustomerQuery.all().nameContains("三丰"))).containsExactly(zhangSanFeng);
        assertThat(find(CustomerQuery.all().nameContains("有限公司"))).containsExactly(acme);
        assertThat(find(CustomerQuery.all().nameContains("李"))).isEmpty();
    }

    @Test
    void byEmailIgnoringCase() {
        assertThat(find(CustomerQuery.all().email("ZhangSan@EXAMPLE.com"))).containsExactly(zhangSan);
        assertThat(find(CustomerQuery.all().email("alice@example.com"))).containsExactly(alice);
        assertThat(find(CustomerQuery.all().email("nobody@example.com"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "+8613800138000", "+86 138 0013 8000", "0086-138-0013-8000", "138 0013 8000",
            "(138) 0013-8000"})
    void byPhoneTypedInAnyAcceptedForm(String typed) {
        assertThat(find(CustomerQuery.all().phone(typed))).containsExactly(zhangSan);
    }

    @Test
    void byForeignPhone() {
        assertThat(find(CustomerQuery.all().phone("001 (415) 555-0132"))).containsExactly(alice);
    }

    @Test
    void anUnreadablePhoneInASearchIsAValidationError() {
        assertThat(violationsOf(() -> customers.search(CustomerQuery.all().phone("not a phone"), PageRequest.first(10))))
                .containsExactly("phone:format");
    }

    @Test
    void byTagIgnoringCase() {
        assertThat(find(CustomerQuery.all().tag("VIP"))).containsExactly(zhangSan, zhangSanFeng);
        assertThat(find(CustomerQuery.all().tag(" martial "))).containsExactly(zhangSanFeng);
        assertThat(find(CustomerQuery.all().tag("none"))).isEmpty();
    }

    @Test
    void byStage() {
        assertThat(find(CustomerQuery.all().stage(LifecycleStage.CUSTOMER))).containsExactly(zhangSan);
        assertThat(find(CustomerQuery.all().stage(LifecycleStage.LEAD))).containsExactly(acme, alice);
        assertThat(find(CustomerQuery.all().stage(LifecycleStage.INACTIVE))).containsExactly(bob);
    }

    @Test
    void byOwnerAndDepartment() {
        assertThat(find(CustomerQuery.all().owner(UserRef.of("li.si")))).containsExactly(zhangSan, alice);
        assertThat(find(CustomerQuery.all().department(DepartmentRef.of("sales")))).containsExactly(acme, zhangSan);
        assertThat(find(CustomerQuery.all().department(DepartmentRef.of("finance")))).containsExactly(zhangSanFeng);
        assertThat(find(CustomerQuery.all().owner(UserRef.of("li.si")).department(DepartmentRef.of("sales")))).containsExactly(zhangSan);
    }

    @Test
    void byExternalRef() {
        assertThat(find(CustomerQuery.all().externalRef("erp", "C-10086"))).containsExactly(zhangSan);
        assertThat(find(CustomerQuery.all().externalRef("erp", "ORG-1"))).containsExactly(acme);
        assertThat(find(CustomerQuery.all().externalRef("oa", "C-10086"))).isEmpty();
    }

    @Test
    void byOrganisation() {
        assertThat(find(CustomerQuery.all().memberOf(acme.id()))).containsExactly(zhangSan);
    }

    @Test
    void criteriaCombine() {
        assertThat(find(CustomerQuery.all().nameStartsWith("张").tag("vip").stage(LifecycleStage.PROSPECT)))
                .containsExactly(zhangSanFeng);
        assertThat(find(CustomerQuery.all().nameStartsWith("张").owner(UserRef.of("nobody")))).isEmpty();
    }

    @Test
    void archivedCustomersOnlyWithIncludeArchived() {
        Customer archived = customers.archive(zhangSan.id());
        assertThat(find(CustomerQuery.all().tag("vip"))).containsExactly(zhangSanFeng);
        assertThat(find(CustomerQuery.all().email("zhangsan@example.com"))).isEmpty();
        assertThat(find(CustomerQuery.all().tag("vip").includeArchived(true))).containsExactly(archived, zhangSanFeng);
    }

    @Test
    void keysetPagesVisitEveryRecordExactlyOnce() {
        for (int i = 0; i < 237; i++) {
            customers.create(NewCustomer.person(String.format("客户%03d", i)).tag("bulk"));
        }
        for (int size : new int[] {1, 7, 50, 236, 237, 238, 1000}) {
            List<Customer> seen = new ArrayList<>();
            PageRequest request = PageRequest.first(size);
            int pages = 0;
            while (true) {
                Page<Customer> page = customers.search(CustomerQuery.all().tag("bulk"), request);
                assertThat(page.size()).isLessThanOrEqualTo(size);
                seen.addAll(page.items());
                pages++;
                if (!page.hasNext()) {
                    break;
                }
                assertThat(page.size()).as("only the last page may be short").isEqualTo(size);
                request = request.next(page).orElseThrow();
            }
            Set<CustomerId> ids = new HashSet<>();
            seen.forEach(c -> ids.add(c.id()));
            assertThat(seen).as("page size " + size).hasSize(237);
            assertThat(ids).hasSize(237);
            assertThat(seen).extracting(Customer::displayName).isSorted();
            assertThat(pages).isEqualTo((237 + size - 1) / size);
        }
    }

    @Test
    void aPageCursorStaysValidWhileRecordsAreAdded() {
        Page<Customer> first = customers.search(CustomerQuery.all(), PageRequest.first(3));
        Customer late = customers.create(NewCustomer.person("后来者"));
        Page<Customer> rest = customers.search(CustomerQuery.all(), PageRequest.after(first.nextCursor().orElseThrow(), 10));
        assertThat(first.items()).containsExactly(acme, zhangSan, zhangSanFeng);
        assertThat(rest.items()).containsExactly(alice, bob, late);
        assertThat(rest.hasNext()).isFalse();
    }
}
