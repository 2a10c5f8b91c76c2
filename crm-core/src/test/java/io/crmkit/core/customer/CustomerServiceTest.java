package io.crmkit.core.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.ConflictException;
import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.security.Actor;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomerServiceTest {
    private final MutableClock clock = MutableClock.at(TestCrm.START);
    private final Crm crm = TestCrm.create(clock);
    private final CustomerService customers = crm.customers();

    @AfterEach
    void close() {
        crm.close();
    }

    private List<Customer> everyone() {
        return Pages.all(p -> customers.search(CustomerQuery.all().includeArchived(true), p));
    }

    @Test
    void createStoresEveryFieldAndGetReadsItBack() {
        Customer org = customers.create(NewCustomer.organization("北京字节跳动科技有限公司"));
        PostalAddress address = PostalAddress.of("中关村大街1号", "北京", "100080", "cn");

        Customer c = customers.create(NewCustomer.person("张三")
                .email("zhangsan@example.com")
                .phone("13800138000")
                .address(address)
                .tag("VIP", "  华东 ")
                .attribute("level", "金牌")
                .stage(LifecycleStage.PROSPECT)
                .owner(UserRef.of("wang.wu"))
                .department(DepartmentRef.of("sales"))
                .externalRef("erp", "C-10086")
                .organization(org.id())
                .jobTitle("采购经理")
                .timeZone(ZoneId.of("Asia/Shanghai")));

        assertThat(c.kind()).isEqualTo(CustomerKind.PERSON);
        assertThat(c.displayName()).isEqualTo("张三");
        assertThat(c.emails()).extracting(EmailAddress::value).containsExactly("zhangsan@example.com");
        assertThat(c.phones()).extracting(PhoneNumber::value).containsExactly("+8613800138000");
        assertThat(c.addresses()).singleElement().satisfies(a -> {
            assertThat(a.country()).contains("CN");
            assertThat(a.text()).isEqualTo("中关村大街1号, 北京, 100080, CN");
        });
        assertThat(c.contactPoints()).hasSize(3);
        assertThat(c.tags()).containsExactly("vip", "华东");
        assertThat(c.hasTag(" VIP ")).isTrue();
        assertThat(c.attribute("level")).contains(AttributeValue.of("金牌"));
        assertThat(c.stage()).isEqualTo(LifecycleStage.PROSPECT);
        assertThat(c.owner()).contains(UserRef.of("wang.wu"));
        assertThat(c.department()).contains(DepartmentRef.of("sales"));
        assertThat(c.externalRef("erp")).contains(ExternalRef.of("erp", "C-10086"));
        assertThat(c.organizationId()).contains(org.id());
        assertThat(c.jobTitle()).contains("采购经理");
        assertThat(c.timeZone()).contains(ZoneId.of("Asia/Shanghai"));
        assertThat(c.createdAt()).isEqualTo(clock.instant());
        assertThat(c.updatedAt()).isEqualTo(clock.instant());
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.isArchived()).isFalse();
        assertThat(c.id().value().version()).as("time-ordered UUID v7").isEqualTo(7);

        assertThat(customers.get(c.id())).contains(c);
        assertThat(customers.require(c.id())).isEqualTo(c);
    }

    @Test
    void theDefaultStageIsLead() {
        assertThat(customers.create(NewCustomer.person("张三")).stage()).isEqualTo(LifecycleStage.LEAD);
    }

    @Test
    void tagsAreTrimmedLowerCasedAndDeduplicated() {
        Customer c = customers.create(NewCustomer.person("张三").tag(" VIP", "vip ", "Key-Account", "重要"));
        assertThat(c.tags()).containsExactly("vip", "key-account", "重要");
    }

    @Test
    void attributesOfEveryTypeRoundTrip() {
        Customer c = customers.create(NewCustomer.person("张三")
                .attribute("nickname", "小张 😀")
                .attribute("credit", new BigDecimal("12345.6700"))
                .attribute("orders", 42)
                .attribute("birthday", LocalDate.of(1990, 2, 28))
                .attribute("married", true)
                .attribute("newsletter", false));

        Customer read = customers.require(c.id());
        assertThat(read.attributes()).containsExactly(
                Map.entry("nickname", AttributeValue.of("小张 😀")),
                Map.entry("credit", AttributeValue.of(new BigDecimal("12345.67"))),
                Map.entry("orders", AttributeValue.of(42)),
                Map.entry("birthday", AttributeValue.of(LocalDate.of(1990, 2, 28))),
                Map.entry("married", AttributeValue.of(true)),
                Map.entry("newsletter", AttributeValue.of(false)));
        assertThat(read.attribute("credit").orElseThrow().type()).isEqualTo(AttributeValue.AttributeType.NUMBER);
        assertThat(read.attribute("birthday").orElseThrow().type()).isEqualTo(AttributeValue.AttributeType.DATE);
        assertThat(read.attribute("married").orElseThrow().type()).isEqualTo(AttributeValue.AttributeType.BOOLEAN);
        assertThat(read.attribute("nickname").orElseThrow().type()).isEqualTo(AttributeValue.AttributeType.TEXT);
        for (AttributeValue v : read.attributes().values()) {
            assertThat(AttributeValue.parse(v.type(), v.asText())).as("text form of " + v).isEqualTo(v);
        }
    }

    @Test
    void requireOfAnUnknownCustomerThrowsNotFound() {
        CustomerId unknown = CustomerId.parse("01900000-0000-7000-8000-000000000001");
        assertThat(customers.get(unknown)).isEmpty();
        assertThatThrownBy(() -> customers.require(unknown))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void updateAppliesTheEditAndBumpsTheVersion() {
        Customer c = customers.create(NewCustomer.person("张三").email("zs@example.com").tag("lead-source:web"));
        clock.advance(Duration.ofHours(1));

        Customer updated = customers.update(c.edit()
                .displayName("张三丰")
                .removeEmail("ZS@EXAMPLE.COM")
                .email("zsf@wudang.cn")
                .untag("LEAD-SOURCE:WEB")
                .tag("VIP")
                .stage(LifecycleStage.CUSTOMER)
                .owner(UserRef.of("li.si"))
                .department(DepartmentRef.of("finance")));

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.displayName()).isEqualTo("张三丰");
        assertThat(updated.emails()).extracting(EmailAddress::value).containsExactly("zsf@wudang.cn");
        assertThat(updated.tags()).containsExactly("vip");
        assertThat(updated.stage()).isEqualTo(LifecycleStage.CUSTOMER);
        assertThat(updated.owner()).contains(UserRef.of("li.si"));
        assertThat(updated.department()).contains(DepartmentRef.of("finance"));
        assertThat(updated.createdAt()).isEqualTo(c.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(c.createdAt().plus(Duration.ofHours(1)));
        assertThat(customers.require(c.id())).isEqualTo(updated);
    }

    @Test
    void ownerAndDepartmentCanBeCleared() {
        Customer c = customers.create(NewCustomer.person("张三").owner(UserRef.of("li.si")).department(DepartmentRef.of("sales")));
        Customer cleared = customers.update(c.edit().owner(null).department(null));
        assertThat(cleared.owner()).isEmpty();
        assertThat(cleared.department()).isEmpty();
    }

    @Test
    void everyLifecycleStageIsKept() {
        for (LifecycleStage stage : LifecycleStage.values()) {
            Customer c = customers.create(NewCustomer.person("客户 " + stage).stage(stage));
            assertThat(customers.require(c.id()).stage()).isEqualTo(stage);
        }
    }

    @Test
    void aStaleEditIsRefusedWithConflictAndChangesNothing() {
        Customer c = customers.create(NewCustomer.person("张三"));
        CustomerEdit stale = c.edit().displayName("stale");
        Customer winner = customers.update(c.edit().displayName("winner"));

        assertThatThrownBy(() -> customers.update(stale))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(c.id().toString());
        assertThat(customers.require(c.id())).isEqualTo(winner);
        assertThat(winner.displayName()).isEqualTo("winner");
    }

    @Test
    void updatingAnUnknownCustomerThrowsNotFound() {
        Crm other = TestCrm.create();
        Customer elsewhere = other.customers().create(NewCustomer.person("外人"));
        other.close();
        assertThatThrownBy(() -> customers.update(elsewhere.edit().displayName("x")))
                .isInstanceOf(NotFoundException.class);
        assertThat(everyone()).isEmpty();
    }

    @Test
    void archivedCustomersDropOutOfSearchButStayReadable() {
        Customer c = customers.create(NewCustomer.person("张三").tag("vip"));
        Customer other = customers.create(NewCustomer.person("张四").tag("vip"));
        clock.advance(Duration.ofMinutes(5));

        Customer archived = customers.archive(c.id());

        assertThat(archived.isArchived()).isTrue();
        assertThat(archived.archivedAt()).contains(clock.instant());
        assertThat(archived.version()).isEqualTo(2);
        assertThat(customers.search(CustomerQuery.all().tag("vip"), io.crmkit.core.PageRequest.first(10)).items())
                .containsExactly(other);
        assertThat(customers.search(CustomerQuery.all().tag("vip").includeArchived(true),
                io.crmkit.core.PageRequest.first(10)).items()).containsExactly(archived, other);
        assertThat(customers.require(c.id())).isEqualTo(archived);
        assertThat(customers.archive(c.id())).as("archiving twice is harmless").isEqualTo(archived);
    }

    @Test
    void archivingAnUnknownCustomerThrowsNotFound() {
        assertThatThrownBy(() -> customers.archive(CustomerId.parse("01900000-0000-7000-8000-000000000002")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void externalRefsAreUniquePerSystem() {
        Customer first = customers.create(NewCustomer.person("张三").externalRef("erp", "C-10086"));

        assertThatThrownBy(() -> customers.create(NewCustomer.person("李四").externalRef("erp", "C-10086")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("erp");
        assertThat(everyone()).containsExactly(first);

        Customer otherSystem = customers.create(NewCustomer.person("李四").externalRef("oa", "C-10086"));
        assertThat(customers.findByExternalRef("erp", "C-10086")).contains(first);
        assertThat(customers.findByExternalRef("oa", "C-10086")).contains(otherSystem);
        assertThat(customers.findByExternalRef("erp", "C-99999")).isEmpty();
    }

    @Test
    void anUpdateCannotTakeAnotherCustomersExternalRef() {
        Customer first = customers.create(NewCustomer.person("张三").externalRef("erp", "C-1"));
        Customer second = customers.create(NewCustomer.person("李四").externalRef("erp", "C-2"));

        assertThatThrownBy(() -> customers.update(second.edit().externalRef("erp", "C-1")))
                .isInstanceOf(ConflictException.class);
        assertThat(customers.require(second.id())).isEqualTo(second);
        assertThat(customers.findByExternalRef("erp", "C-1")).contains(first);
        assertThat(customers.findByExternalRef("erp", "C-2")).contains(second);
    }

    @Test
    void anExternalRefFreedByAnUpdateCanBeReused() {
        Customer first = customers.create(NewCustomer.person("张三").externalRef("erp", "C-1"));
        customers.update(first.edit().externalRef("erp", "C-1-old"));

        Customer second = customers.create(NewCustomer.person("李四").externalRef("erp", "C-1"));

        assertThat(customers.findByExternalRef("erp", "C-1")).contains(second);
        assertThat(customers.findByExternalRef("erp", "C-1-old")).map(Customer::id).contains(first.id());
    }

    @Test
    void consentIsKeptPerChannelWithTimeAndSource() {
        Instant t0 = clock.instant();
        Customer c = customers.create(NewCustomer.person("张三")
                .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "web-form")
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_OUT, "call"));

        assertThat(c.consent(ContactChannel.EMAIL)).contains(
                new Consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, t0, "web-form"));
        assertThat(c.consent(ContactChannel.SMS)).contains(
                new Consent(ContactChannel.SMS, ConsentStatus.OPTED_OUT, t0, "call"));
        assertThat(c.hasOptedOut(ContactChannel.SMS)).isTrue();
        assertThat(c.hasOptedOut(ContactChannel.EMAIL)).isFalse();
        assertThat(c.hasOptedOut(ContactChannel.VOICE)).as("no answer is not an opt-out").isFalse();
        assertThat(c.consent(ContactChannel.VOICE)).isEmpty();
    }

    @Test
    void consentTimeIsKeptWhenTheAnswerDoesNotChange() {
        Instant t0 = clock.instant();
        Customer c = customers.create(NewCustomer.person("张三")
                .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "web-form"));
        clock.advance(Duration.ofDays(1));
        Instant t1 = clock.instant();

        Customer same = customers.setConsent(c.id(), ContactChannel.EMAIL, ConsentStatus.OPTED_IN, "import");
        assertThat(same.consent(ContactChannel.EMAIL)).contains(
                new Consent(ContactChannel.EMAIL, ConsentStatus.OPTED_IN, t0, "web-form"));

        Customer changed = customers.setConsent(c.id(), ContactChannel.EMAIL, ConsentStatus.OPTED_OUT, "unsubscribe-link");
        assertThat(changed.consent(ContactChannel.EMAIL)).contains(
                new Consent(ContactChannel.EMAIL, ConsentStatus.OPTED_OUT, t1, "unsubscribe-link"));
        assertThat(customers.require(c.id()).hasOptedOut(ContactChannel.EMAIL)).isTrue();
    }

    @Test
    void consentOnOtherChannelsSurvivesAnEdit() {
        Instant t0 = clock.instant();
        Customer c = customers.create(NewCustomer.person("张三")
                .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_OUT, "unsubscribe-link"));
        clock.advance(Duration.ofHours(2));

        Customer edited = customers.update(c.edit().displayName("张三丰")
                .consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, "crm"));

        assertThat(edited.consent(ContactChannel.EMAIL)).contains(
                new Consent(ContactChannel.EMAIL, ConsentStatus.OPTED_OUT, t0, "unsubscribe-link"));
        assertThat(edited.consent(ContactChannel.SMS)).contains(
                new Consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, clock.instant(), "crm"));
    }

    @Test
    void setConsentOnAnUnknownCustomerThrowsNotFound() {
        assertThatThrownBy(() -> customers.setConsent(CustomerId.parse("01900000-0000-7000-8000-000000000003"),
                ContactChannel.SMS, ConsentStatus.OPTED_OUT, "call"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void contactPeopleBelongToAnOrganisation() {
        Customer org = customers.create(NewCustomer.organization("阿里巴巴集团"));
        Customer buyer = customers.create(NewCustomer.person("王五").organization(org.id()).jobTitle("采购"));
        Customer boss = customers.create(NewCustomer.person("赵六").organization(org.id()).jobTitle("总经理"));
        customers.create(NewCustomer.person("路人甲"));

        assertThat(buyer.organizationId()).contains(org.id());
        assertThat(Pages.all(p -> customers.search(CustomerQuery.all().memberOf(org.id()), p)))
                .containsExactly(buyer, boss);

        Customer left = customers.update(buyer.edit().organization(null).jobTitle(null));
        assertThat(left.organizationId()).isEmpty();
        assertThat(Pages.all(p -> customers.search(CustomerQuery.all().memberOf(org.id()), p)))
                .containsExactly(boss);
    }

    @Test
    void anEditCannotMoveAPersonIntoAPerson() {
        Customer a = customers.create(NewCustomer.person("张三"));
        Customer b = customers.create(NewCustomer.person("李四"));
        assertThat(io.crmkit.core.Violations.violationsOf(() -> customers.update(b.edit().organization(a.id()))))
                .containsExactly("organizationId:not_an_organization");
        assertThat(customers.require(b.id())).isEqualTo(b);
    }

    @Test
    void theKindOfACustomerIsKept() {
        Customer org = customers.create(NewCustomer.of(CustomerKind.ORGANIZATION, "腾讯"));
        assertThat(customers.update(org.edit().displayName("腾讯控股")).kind()).isEqualTo(CustomerKind.ORGANIZATION);
    }

    @Test
    void theActingUserDoesNotChangeWhatIsStored() {
        Customer c = crm.as(Actor.user("li.si")).customers().create(NewCustomer.person("张三"));
        assertThat(crm.customers().require(c.id())).isEqualTo(c);
    }
}
