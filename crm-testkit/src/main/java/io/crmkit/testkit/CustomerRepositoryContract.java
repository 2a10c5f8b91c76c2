package io.crmkit.testkit;

import io.crmkit.core.ConflictException;
import io.crmkit.core.NotFoundException;
import io.crmkit.core.Page;
import io.crmkit.core.PageRequest;
import io.crmkit.core.customer.AttributeValue;
import io.crmkit.core.customer.Consent;
import io.crmkit.core.customer.ConsentStatus;
import io.crmkit.core.customer.ContactChannel;
import io.crmkit.core.customer.Customer;
import io.crmkit.core.customer.CustomerId;
import io.crmkit.core.customer.CustomerQuery;
import io.crmkit.core.customer.EmailAddress;
import io.crmkit.core.customer.ExternalRef;
import io.crmkit.core.customer.LifecycleStage;
import io.crmkit.core.customer.PhoneNumber;
import io.crmkit.core.customer.PostalAddress;
import io.crmkit.core.security.AccessScope;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import static io.crmkit.testkit.StoredAssertions.assertSameCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of {@link io.crmkit.core.customer.CustomerRepository}: exact round trips, the version
 * rule of {@code update}, unique external references, every {@link CustomerQuery} criterion, keyset
 * pages in id order, and the batch methods ({@code insertAll}, {@code existingIds},
 * {@code findByExternalRefs}, {@code findByEmails}), whether an adapter overrides them or not.
 */
public abstract class CustomerRepositoryContract extends StorageContractSupport {
    /** The suite on the storages {@code factory} opens, a fresh one for each test. */
    protected CustomerRepositoryContract(StorageFactory factory) {
        super(factory);
    }

    private void insert(Customer... customers) {
        write(r -> {
            for (Customer c : customers) {
                r.customers().insert(c);
            }
        });
    }

    private Optional<Customer> find(CustomerId id) {
        return read(r -> r.customers().findById(id));
    }

    private Customer stored(CustomerId id) {
        return find(id).orElseThrow(() -> new AssertionError("customer " + id + " is not stored"));
    }

    private Optional<Customer> byRef(String system, String id) {
        return read(r -> r.customers().findByExternalRef(ExternalRef.of(system, id)));
    }

    private List<CustomerId> search(CustomerQuery query) {
        Page<Customer> page = read(r -> r.customers().search(query, AccessScope.everything(), PageRequest.first(PageRequest.MAX_LIMIT)));
        assertThat(page.hasNext()).as("a page holding every match has no next cursor").isFalse();
        return page.items().stream().map(Customer::id).toList();
    }

    private static Customer next(Customer c) {
        return c.toBuilder().version(c.version() + 1).build();
    }

    // ---- round trips ------------------------------------------------------------------------------

    @Test
    void insertedCustomerReadsBackWithEveryField() {
        Customer org = data.organization("北京" + TestStrings.EMOJI + "科技有限公司 " + TestStrings.SQL_INJECTION).build();
        Customer person = data.fullPerson("张三 " + TestStrings.NASTY, "k1").organizationId(org.id()).build();
        insert(org, person);

        assertSameCustomer(stored(person.id()), person);
        assertSameCustomer(stored(org.id()), org);
    }

    @Test
    void minimalCustomerReadsBackWithEveryOptionalFieldEmpty() {
        Customer c = data.person("Li").build();
        insert(c);

        Customer back = stored(c.id());
        assertSameCustomer(back, c);
        assertThat(back.emails()).isEmpty();
        assertThat(back.tags()).isEmpty();
        assertThat(back.attributes()).isEmpty();
        assertThat(back.consents()).isEmpty();
        assertThat(back.owner()).isEmpty();
        assertThat(back.timeZone()).isEmpty();
        assertThat(back.archivedAt()).isEmpty();
    }

    @Test
    void everyAttributeTypeReadsBackExactly() {
        Map<String, AttributeValue> attributes = Map.of(
                "text", AttributeValue.of(TestStrings.NASTY),
                "long-text", AttributeValue.of(TestStrings.text(2_000)),
                "integer", AttributeValue.of(Long.MAX_VALUE),
                "decimal", AttributeValue.of(new BigDecimal("-98765432109876.54321")),
                "tiny", AttributeValue.of(new BigDecimal("0.0000000001")),
                "zero", AttributeValue.of(BigDecimal.ZERO),
                "date", AttributeValue.of(LocalDate.of(2024, 2, 29)),
                "old-date", AttributeValue.of(LocalDate.of(1900, 1, 1)),
                "true", AttributeValue.of(true),
                "false", AttributeValue.of(false));
        Customer c = data.person("Attributes").attributes(attributes).build();
        insert(c);

        Customer back = stored(c.id());
        assertThat(back.attributes()).isEqualTo(attributes);
        back.attributes().forEach((name, value) ->
                assertThat(value.type()).as("type of %s", name).isEqualTo(Objects.requireNonNull(attributes.get(name), name).type()));
    }

    @Test
    void instantsKeepMicrosecondsAcrossCenturies() {
        Customer c = data.person("Time").createdAt(Instant.parse("1999-12-31T23:59:59.999999Z"))
                .updatedAt(Instant.parse("2040-01-01T00:00:00.000001Z"))
                .archivedAt(Instant.parse("2041-06-15T12:30:45.123456Z"))
                .consent(new Consent(ContactChannel.POST, ConsentStatus.OPTED_OUT,
                        Instant.parse("2020-02-29T08:00:00.000007Z"), "letter"))
                .timeZone(ZoneId.of("America/St_Johns"))
                .build();
        insert(c);

        assertSameCustomer(stored(c.id()), c);
    }

    @Test
    void findByIdOfUnknownCustomerIsEmpty() {
        insert(data.person("Someone").build());

        assertThat(find(data.customerId())).isEmpty();
    }

    @Test
    void insertWithExistingIdConflictsAndKeepsTheStoredCustomer() {
        Customer c = data.person("First").build();
        insert(c);
        Customer sameId = data.person("Second").id(c.id()).build();

        assertThatThrownBy(() -> insert(sameId)).isInstanceOf(ConflictException.class);
        assertSameCustomer(stored(c.id()), c);
    }

    // ---- external references ----------------------------------------------------------------------

    @Test
    void insertWithTakenExternalRefConflictsAndStoresNothing() {
        Customer a = data.person("A").externalRefs(List.of(ExternalRef.of("erp", "C-1"))).build();
        insert(a);
        Customer b = data.person("B").externalRefs(List.of(ExternalRef.of("crm-old", "9"), ExternalRef.of("erp", "C-1")))
                .build();

        assertThatThrownBy(() -> insert(b)).isInstanceOf(ConflictException.class);
        assertThat(find(b.id())).isEmpty();
        assertThat(byRef("crm-old", "9")).isEmpty();
        assertThat(byRef("erp", "C-1")).contains(a);
    }

    @Test
    void externalRefIsUniquePerSystemOnly() {
        Customer a = data.person("A").externalRefs(List.of(ExternalRef.of("erp", "10086"))).build();
        Customer b = data.person("B").externalRefs(List.of(ExternalRef.of("shop", "10086"))).build();
        Customer c = data.person("C").externalRefs(List.of(ExternalRef.of("erp", "10087"))).build();
        insert(a, b, c);

        assertThat(byRef("erp", "10086")).contains(a);
        assertThat(byRef("shop", "10086")).contains(b);
        assertThat(byRef("erp", "10087")).contains(c);
    }

    @Test
    void externalRefsAreCaseSensitive() {
        Customer lower = data.person("lower").externalRefs(List.of(ExternalRef.of("erp", "abc"))).build();
        Customer upper = data.person("upper").externalRefs(List.of(ExternalRef.of("erp", "ABC"))).build();
        insert(lower, upper);

        assertThat(byRef("erp", "abc")).contains(lower);
        assertThat(byRef("erp", "ABC")).contains(upper);
        assertThat(byRef("ERP", "abc")).isEmpty();
    }

    @Test
    void findByExternalRefOfUnknownReferenceIsEmpty() {
        insert(data.person("A").externalRefs(List.of(ExternalRef.of("erp", "C-1"))).build());

        assertThat(byRef("erp", "C-2")).isEmpty();
        assertThat(byRef("shop", "C-1")).isEmpty();
    }

    @Test
    void externalRefsWithMetacharactersAreMatchedLiterally() {
        Customer a = data.person("A").externalRefs(List.of(ExternalRef.of("erp", "a%_\\'; --"))).build();
        insert(a);

        assertThat(byRef("erp", "a%_\\'; --")).contains(a);
        assertThat(byRef("erp", "a%")).isEmpty();
        assertThat(byRef("erp", "ab_\\'; --")).isEmpty();
    }

    // ---- update ---------------------------------------------------------------------------------------

    @Test
    void updateReplacesEveryField() {
        Customer org = data.organization("Org").build();
        Customer c = data.fullPerson("Before", "u1").build();
        insert(org, c);
        data.clock().advance(Duration.ofMinutes(5));
        Customer changed = c.toBuilder()
                .displayName("After " + TestStrings.EMOJI)
                .emails(List.of(EmailAddress.of("after@example.org")))
                .phones(List.of())
                .addresses(List.of(PostalAddress.of("Hauptstraße 1", "München", null, "DE")))
                .tags(new LinkedHashSet<>(List.of("new", "vip")))
                .attributes(Map.of("visits", AttributeValue.of(43), "note", AttributeValue.of("变更")))
                .stage(LifecycleStage.INACTIVE)
                .owner(null)
                .department(DepartmentRef.of("客服部"))
                .externalRefs(List.of(ExternalRef.of("erp", "C-u1"), ExternalRef.of("billing", "B-1")))
                .consents(Map.of(ContactChannel.VOICE, new Consent(ContactChannel.VOICE, ConsentStatus.OPTED_IN,
                        data.now(), "call")))
                .organizationId(org.id())
                .jobTitle(null)
                .timeZone(ZoneId.of("Europe/Berlin"))
                .archivedAt(data.now())
                .updatedAt(data.now())
                .version(2)
                .build();

        write(r -> r.customers().update(changed));

        assertSameCustomer(stored(c.id()), changed);
        assertThat(byRef("billing", "B-1")).contains(changed);
        assertThat(byRef("shop", "u1'%_\\")).isEmpty();
    }

    @Test
    void successiveUpdatesEachNeedTheNextVersion() {
        Customer v1 = data.person("v1").build();
        insert(v1);
        Customer v2 = v1.toBuilder().displayName("v2").version(2).build();
        Customer v3 = v2.toBuilder().displayName("v3").version(3).build();
        write(r -> r.customers().update(v2));
        write(r -> r.customers().update(v3));

        Customer staleV2 = v1.toBuilder().displayName("stale").version(2).build();
        assertThatThrownBy(() -> write(r -> r.customers().update(staleV2))).isInstanceOf(ConflictException.class);
        assertSameCustomer(stored(v1.id()), v3);
    }

    @Test
    void updateWithUnchangedVersionConflictsAndChangesNothing() {
        Customer c = data.fullPerson("Original", "v").build();
        insert(c);
        Customer sameVersion = c.toBuilder().displayName("Lost").tags(Set.of("lost")).build();

        assertThatThrownBy(() -> write(r -> r.customers().update(sameVersion))).isInstanceOf(ConflictException.class);
        assertSameCustomer(stored(c.id()), c);
    }

    @Test
    void updateSkippingAVersionConflictsAndChangesNothing() {
        Customer c = data.person("Original").build();
        insert(c);
        Customer skipping = c.toBuilder().displayName("Skipping").version(c.version() + 2).build();
        Customer older = c.toBuilder().displayName("Older").version(c.version() - 1).build();

        assertThatThrownBy(() -> write(r -> r.customers().update(skipping))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> write(r -> r.customers().update(older))).isInstanceOf(ConflictException.class);
        assertSameCustomer(stored(c.id()), c);
    }

    @Test
    void updateOfUnknownCustomerThrowsNotFoundAndStoresNothing() {
        Customer ghost = data.person("Ghost").version(2).build();

        assertThatThrownBy(() -> write(r -> r.customers().update(ghost))).isInstanceOf(NotFoundException.class);
        assertThat(find(ghost.id())).isEmpty();
    }

    @Test
    void updateTakingAnotherCustomersExternalRefConflictsAndChangesNothing() {
        Customer a = data.person("A").externalRefs(List.of(ExternalRef.of("erp", "A-1"))).build();
        Customer b = data.person("B").externalRefs(List.of(ExternalRef.of("erp", "B-1"))).build();
        insert(a, b);
        Customer bTakingA = next(b.toBuilder().displayName("B2")
                .externalRefs(List.of(ExternalRef.of("erp", "B-1"), ExternalRef.of("erp", "A-1"))).build());

        assertThatThrownBy(() -> write(r -> r.customers().update(bTakingA))).isInstanceOf(ConflictException.class);
        assertSameCustomer(stored(b.id()), b);
        assertThat(byRef("erp", "A-1")).contains(a);
    }

    @Test
    void updateKeepingItsOwnExternalRefSucceeds() {
        Customer a = data.person("A").externalRefs(List.of(ExternalRef.of("erp", "A-1"))).build();
        insert(a);
        Customer renamed = next(a.toBuilder().displayName("A renamed").build());

        write(r -> r.customers().update(renamed));

        assertThat(byRef("erp", "A-1")).contains(renamed);
    }

    @Test
    void externalRefReleasedByAnUpdateCanBeTakenByAnotherCustomer() {
        Customer a = data.person("A").externalRefs(List.of(ExternalRef.of("erp", "X"))).build();
        insert(a);
        write(r -> r.customers().update(next(a.toBuilder().externalRefs(List.of()).build())));
        assertThat(byRef("erp", "X")).isEmpty();

        Customer b = data.person("B").externalRefs(List.of(ExternalRef.of("erp", "X"))).build();
        insert(b);

        assertThat(byRef("erp", "X")).contains(b);
    }

    // ---- search -------------------------------------------------------------------------------------

    @Test
    void searchAllReturnsCustomersInIdOrderLeavingOutArchived() {
        Customer a = data.person("A").build();
        Customer archived = data.person("Archived").archivedAt(data.now()).build();
        Customer c = data.organization("C").build();
        insert(c, archived, a); // inserted out of id order

        assertThat(search(CustomerQuery.all())).containsExactly(a.id(), c.id());
        assertThat(search(CustomerQuery.all().includeArchived(true))).containsExactly(a.id(), archived.id(), c.id());
    }

    @Test
    void archivedCustomersAreLeftOutOfEveryCriterionUnlessIncluded() {
        Customer active = data.person("Wang Active").tags(Set.of("vip")).build();
        Customer archived = data.person("Wang Archived").tags(Set.of("vip")).archivedAt(data.now()).build();
        insert(active, archived);

        assertThat(search(CustomerQuery.all().tag("vip"))).containsExactly(active.id());
        assertThat(search(CustomerQuery.all().nameStartsWith("wang"))).containsExactly(active.id());
        assertThat(search(CustomerQuery.all().tag("vip").includeArchived(true)))
                .containsExactly(active.id(), archived.id());
    }

    @Test
    void nameStartsWithIsCaseInsensitiveAndMatchesOnlyTheStart() {
        Customer zhangWei = data.person("Zhang Wei").build();
        Customer zhangLi = data.person("zhang li").build();
        Customer liZhang = data.person("Li Zhang").build();
        Customer zhangSan = data.person("张三").build();
        Customer zhangWeiCn = data.person("张伟").build();
        Customer liZhangCn = data.person("李张").build();
        insert(zhangWei, zhangLi, liZhang, zhangSan, zhangWeiCn, liZhangCn);

        assertThat(search(CustomerQuery.all().nameStartsWith("ZHANG"))).containsExactly(zhangWei.id(), zhangLi.id());
        assertThat(search(CustomerQuery.all().nameStartsWith("zhang w"))).containsExactly(zhangWei.id());
        assertThat(search(CustomerQuery.all().nameStartsWith("张"))).containsExactly(zhangSan.id(), zhangWeiCn.id());
        assertThat(search(CustomerQuery.all().nameStartsWith("张三"))).containsExactly(zhangSan.id());
        assertThat(search(CustomerQuery.all().nameStartsWith("王"))).isEmpty();
    }

    @Test
    void nameContainsIsCaseInsensitiveAndMatchesAnywhere() {
        Customer a = data.person("Zhang San").build();
        Customer b = data.person("SANDRA").build();
        Customer c = data.person("Li Si").build();
        Customer d = data.person("北京张三科技").build();
        Customer e = data.organization("张三丰 " + TestStrings.EMOJI).build();
        insert(a, b, c, d, e);

        assertThat(search(CustomerQuery.all().nameContains("san"))).containsExactly(a.id(), b.id());
        assertThat(search(CustomerQuery.all().nameContains("SaN"))).containsExactly(a.id(), b.id());
        assertThat(search(CustomerQuery.all().nameContains("张三"))).containsExactly(d.id(), e.id());
        assertThat(search(CustomerQuery.all().nameContains("科技"))).containsExactly(d.id());
        assertThat(search(CustomerQuery.all().nameContains(TestStrings.EMOJI))).containsExactly(e.id());
        assertThat(search(CustomerQuery.all().nameContains("xyz"))).isEmpty();
    }

    @Test
    void nameCriteriaTreatLikeMetacharactersLiterally() {
        Customer percent = data.person("100% pure").build();
        Customer noPercent = data.person("100 pure").build();
        Customer underscore = data.person("a_b").build();
        Customer noUnderscore = data.person("axb").build();
        Customer backslash = data.person("back\\slash").build();
        Customer noBackslash = data.person("backslash").build();
        Customer injection = data.person("O'Brien" + TestStrings.SQL_INJECTION).build();
        insert(percent, noPercent, underscore, noUnderscore, backslash, noBackslash, injection);

        assertThat(search(CustomerQuery.all().nameContains("%"))).containsExactly(percent.id());
        assertThat(search(CustomerQuery.all().nameStartsWith("100%"))).containsExactly(percent.id());
        assertThat(search(CustomerQuery.all().nameContains("_"))).containsExactly(underscore.id());
        assertThat(search(CustomerQuery.all().nameStartsWith("a_"))).containsExactly(underscore.id());
        assertThat(search(CustomerQuery.all().nameContains("\\"))).containsExactly(backslash.id());
        assertThat(search(CustomerQuery.all().nameContains("k\\s"))).containsExactly(backslash.id());
        assertThat(search(CustomerQuery.all().nameContains("'; DROP"))).containsExactly(injection.id());
        assertThat(search(CustomerQuery.all())).hasSize(7);
    }

    @Test
    void emailMatchesAnyOfACustomersAddresses() {
        Customer a = data.person("A").emails(List.of(EmailAddress.of("a@example.com"), EmailAddress.of("shared.A@example.com")))
                .build();
        Customer b = data.person("B").emails(List.of(EmailAddress.of("b@example.com"))).build();
        Customer c = data.person("C").emails(List.of(EmailAddress.of("张三@例子.公司"))).build();
        insert(a, b, c);

        assertThat(search(CustomerQuery.all().email("shared.A@example.com"))).containsExactly(a.id());
        assertThat(search(CustomerQuery.all().email("shared.A@EXAMPLE.com"))).containsExactly(a.id());
        assertThat(search(CustomerQuery.all().email("b@example.com"))).containsExactly(b.id());
        assertThat(search(CustomerQuery.all().email("张三@例子.公司"))).containsExactly(c.id());
        assertThat(search(CustomerQuery.all().email("nobody@example.com"))).isEmpty();
    }

    @Test
    void phoneMatchesAnyOfACustomersE164Numbers() {
        Customer a = data.person("A").phones(List.of(new PhoneNumber("+8613800138000"), new PhoneNumber("+4930123456")))
                .build();
        Customer b = data.person("B").phones(List.of(new PhoneNumber("+8613800138001"))).build();
        insert(a, b);

        assertThat(search(CustomerQuery.all().phone("+4930123456"))).containsExactly(a.id());
        assertThat(search(CustomerQuery.all().phone("+8613800138000"))).containsExactly(a.id());
        assertThat(search(CustomerQuery.all().phone("+8613800138001"))).containsExactly(b.id());
        assertThat(search(CustomerQuery.all().phone("+861380013800"))).isEmpty();
    }

    @Test
    void tagMatchesCustomersCarryingIt() {
        Customer a = data.person("A").tags(new LinkedHashSet<>(List.of("vip", "重点客户"))).build();
        Customer b = data.person("B").tags(Set.of("vip")).build();
        Customer c = data.person("C").tags(Set.of("vip-candidate")).build();
        insert(a, b, c);

        assertThat(search(CustomerQuery.all().tag("vip"))).containsExactly(a.id(), b.id());
        assertThat(search(CustomerQuery.all().tag("VIP"))).containsExactly(a.id(), b.id());
        assertThat(search(CustomerQuery.all().tag("重点客户"))).containsExactly(a.id());
        assertThat(search(CustomerQuery.all().tag("vi"))).isEmpty();
    }

    @Test
    void stageOwnerAndDepartmentEachFilter() {
        Customer a = data.person("A").stage(LifecycleStage.CUSTOMER).owner(UserRef.of("u1")).department(DepartmentRef.of("销售部")).build();
        Customer b = data.person("B").stage(LifecycleStage.PROSPECT).owner(UserRef.of("u2")).department(DepartmentRef.of("销售部")).build();
        Customer c = data.person("C").stage(LifecycleStage.CUSTOMER).owner(UserRef.of("u2")).department(DepartmentRef.of("客服部")).build();
        Customer d = data.person("D").build();
        insert(a, b, c, d);

        assertThat(search(CustomerQuery.all().stage(LifecycleStage.CUSTOMER))).containsExactly(a.id(), c.id());
        assertThat(search(CustomerQuery.all().stage(LifecycleStage.LEAD))).containsExactly(d.id());
        assertThat(search(CustomerQuery.all().stage(LifecycleStage.INACTIVE))).isEmpty();
        assertThat(search(CustomerQuery.all().owner(UserRef.of("u2")))).containsExactly(b.id(), c.id());
        assertThat(search(CustomerQuery.all().owner(UserRef.of("u3")))).isEmpty();
        assertThat(search(CustomerQuery.all().department(DepartmentRef.of("销售部")))).containsExactly(a.id(), b.id());
        assertThat(search(CustomerQuery.all().department(DepartmentRef.of("客服部")))).containsExactly(c.id());
    }

    @Test
    void externalRefCriterionMatchesSystemAndId() {
        Customer a = data.person("A").externalRefs(List.of(ExternalRef.of("erp", "1"), ExternalRef.of("shop", "2"))).build();
        Customer b = data.person("B").externalRefs(List.of(ExternalRef.of("erp", "2"))).build();
        insert(a, b);

        assertThat(search(CustomerQuery.all().externalRef("shop", "2"))).containsExactly(a.id());
        assertThat(search(CustomerQuery.all().externalRef("erp", "2"))).containsExactly(b.id());
        assertThat(search(CustomerQuery.all().externalRef("erp", "3"))).isEmpty();
    }

    @Test
    void memberOfListsThePeopleOfAnOrganization() {
        Customer org = data.organization("Org").build();
        Customer other = data.organization("Other").build();
        Customer p1 = data.person("P1").organizationId(org.id()).build();
        Customer p2 = data.person("P2").organizationId(other.id()).build();
        Customer p3 = data.person("P3").organizationId(org.id()).build();
        Customer alone = data.person("Alone").build();
        insert(org, other, p1, p2, p3, alone);

        assertThat(search(CustomerQuery.all().memberOf(org.id()))).containsExactly(p1.id(), p3.id());
        assertThat(search(CustomerQuery.all().memberOf(other.id()))).containsExactly(p2.id());
        assertThat(search(CustomerQuery.all().memberOf(p1.id()))).isEmpty();
    }

    @Test
    void criteriaCombineWithAnd() {
        Customer org = data.organization("Org").build();
        Customer match = data.person("Zhang Wei").tags(Set.of("vip")).stage(LifecycleStage.CUSTOMER).owner(UserRef.of("u1"))
                .department(DepartmentRef.of("d1")).organizationId(org.id()).emails(List.of(EmailAddress.of("zw@example.com")))
                .phones(List.of(new PhoneNumber("+8613900139000"))).externalRefs(List.of(ExternalRef.of("erp", "zw")))
                .build();
        Customer otherTag = data.person("Zhang Wei").tags(Set.of("new")).stage(LifecycleStage.CUSTOMER).owner(UserRef.of("u1"))
                .department(DepartmentRef.of("d1")).organizationId(org.id()).build();
        Customer otherStage = data.person("Zhang Wei").tags(Set.of("vip")).stage(LifecycleStage.LEAD).owner(UserRef.of("u1"))
                .department(DepartmentRef.of("d1")).build();
        Customer otherName = data.person("Li Wei").tags(Set.of("vip")).stage(LifecycleStage.CUSTOMER).owner(UserRef.of("u1"))
                .department(DepartmentRef.of("d1")).build();
        insert(org, match, otherTag, otherStage, otherName);

        CustomerQuery everything = CustomerQuery.all().nameStartsWith("zhang").nameContains("WEI").tag("vip")
                .stage(LifecycleStage.CUSTOMER).owner(UserRef.of("u1")).department(DepartmentRef.of("d1")).memberOf(org.id())
                .email("zw@example.com").phone("+8613900139000").externalRef("erp", "zw");
        assertThat(search(everything)).containsExactly(match.id());
        assertThat(search(CustomerQuery.all().nameContains("wei").tag("vip"))).containsExactly(match.id(), otherStage.id(),
                otherName.id());
        assertThat(search(CustomerQuery.all().nameContains("wei").tag("vip").stage(LifecycleStage.CUSTOMER)))
                .containsExactly(match.id(), otherName.id());
        assertThat(search(CustomerQuery.all().owner(UserRef.of("u1")).memberOf(org.id()))).containsExactly(match.id(), otherTag.id());
        assertThat(search(CustomerQuery.all().tag("vip").owner(UserRef.of("u2")))).isEmpty();
    }

    // ---- batch methods ------------------------------------------------------------------------------

    private void insertAll(List<Customer> customers) {
        write(r -> r.customers().insertAll(customers));
    }

    private Map<String, Customer> byRefs(String system, Collection<String> ids) {
        return read(r -> r.customers().findByExternalRefs(system, ids));
    }

    private Map<String, Customer> byEmails(Collection<String> emails) {
        return read(r -> r.customers().findByEmails(emails));
    }

    private Set<CustomerId> existing(Collection<CustomerId> ids) {
        return read(r -> r.customers().existingIds(ids));
    }

    @Test
    void insertAllStoresEveryCustomer() {
        Customer org = data.organization("机构 " + TestStrings.EMOJI).build();
        List<Customer> batch = new ArrayList<>();
        batch.add(data.fullPerson("张三 " + TestStrings.NASTY, "b1").organizationId(org.id()).build());
        batch.add(data.fullPerson("李四", "b2").build());
        for (int i = 0; i < 20; i++) {
            batch.add(data.person("P" + i).build());
        }
        batch.add(org);
        insertAll(batch);

        for (Customer c : batch) {
            assertSameCustomer(stored(c.id()), c);
        }
        assertThat(byRef("erp", "C-b1")).map(Customer::id).contains(batch.get(0).id());
        assertThat(search(CustomerQuery.all())).hasSize(batch.size());
    }

    @Test
    void insertAllOfNothingStoresNothing() {
        Customer before = data.person("Before").build();
        insert(before);

        insertAll(List.of());

        assertThat(search(CustomerQuery.all().includeArchived(true))).containsExactly(before.id());
    }

    @Test
    void insertAllWithTakenExternalRefConflictsAndLeavesNothingOfTheBatch() {
        Customer holder = data.person("Holder").externalRefs(List.of(ExternalRef.of("erp", "C-1"))).build();
        insert(holder);
        Customer first = data.person("First").externalRefs(List.of(ExternalRef.of("erp", "C-0"))).build();
        Customer taker = data.person("Taker").externalRefs(List.of(ExternalRef.of("erp", "C-1"))).build();
        Customer last = data.person("Last").build();

        assertThatThrownBy(() -> insertAll(List.of(first, taker, last))).isInstanceOf(ConflictException.class);

        assertThat(find(first.id())).isEmpty();
        assertThat(find(taker.id())).isEmpty();
        assertThat(find(last.id())).isEmpty();
        assertThat(byRef("erp", "C-0")).isEmpty();
        assertThat(byRef("erp", "C-1")).contains(holder);
        assertThat(search(CustomerQuery.all().includeArchived(true))).containsExactly(holder.id());
    }

    @Test
    void insertAllWithTheSameExternalRefTwiceConflictsAndLeavesNothing() {
        Customer a = data.person("A").externalRefs(List.of(ExternalRef.of("shop", "7"))).build();
        Customer b = data.person("B").externalRefs(List.of(ExternalRef.of("shop", "7"))).build();

        assertThatThrownBy(() -> insertAll(List.of(a, b))).isInstanceOf(ConflictException.class);

        assertThat(find(a.id())).isEmpty();
        assertThat(find(b.id())).isEmpty();
        assertThat(byRef("shop", "7")).isEmpty();
    }

    @Test
    void insertAllWithAnExistingIdConflictsAndLeavesNothingOfTheBatch() {
        Customer stored = data.person("Stored").build();
        insert(stored);
        Customer fresh = data.person("Fresh").build();
        Customer sameId = data.person("Same id").id(stored.id()).build();

        assertThatThrownBy(() -> insertAll(List.of(fresh, sameId))).isInstanceOf(ConflictException.class);

        assertThat(find(fresh.id())).isEmpty();
        assertSameCustomer(stored(stored.id()), stored);
    }

    @Test
    void existingIdsNamesStoredCustomersArchivedOnesToo() {
        Customer active = data.person("Active").build();
        Customer archived = data.person("Archived").archivedAt(data.now()).build();
        Customer other = data.person("Other").build();
        insert(active, archived, other);
        CustomerId unknown = data.customerId();

        assertThat(existing(List.of(active.id(), archived.id(), unknown))).containsExactlyInAnyOrder(active.id(), archived.id());
        assertThat(existing(List.of(unknown, data.customerId()))).isEmpty();
        assertThat(existing(List.of())).isEmpty();
        List<CustomerId> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add(data.customerId());
        }
        many.add(other.id());
        assertThat(existing(many)).containsExactly(other.id());
    }

    @Test
    void findByExternalRefsMatchesExactlyAndKeysByReference() {
        Customer lower = data.person("lower").externalRefs(List.of(ExternalRef.of("erp", "abc"))).build();
        Customer upper = data.person("upper").externalRefs(List.of(ExternalRef.of("erp", "ABC"))).build();
        Customer shop = data.person("shop").externalRefs(List.of(ExternalRef.of("shop", "abc"))).build();
        Customer meta = data.person("meta").externalRefs(List.of(ExternalRef.of("erp", "a%_\\'"))).build();
        Customer archived = data.fullPerson("archived", "arch").archivedAt(data.now()).build();
        insert(lower, upper, shop, meta, archived);

        Map<String, Customer> found = byRefs("erp", List.of("abc", "ABC", "Abc", "a%", "a%_\\'", "C-arch", "missing"));

        assertThat(found).containsOnlyKeys("abc", "ABC", "a%_\\'", "C-arch");
        assertSameCustomer(found.get("abc"), lower);
        assertSameCustomer(found.get("ABC"), upper);
        assertSameCustomer(found.get("a%_\\'"), meta);
        assertSameCustomer(found.get("C-arch"), archived);
        assertThat(byRefs("shop", List.of("abc", "ABC"))).containsOnlyKeys("abc");
        assertThat(byRefs("ERP", List.of("abc"))).as("the system is case-sensitive too").isEmpty();
        assertThat(byRefs("erp", List.of())).isEmpty();
        assertThat(byRefs("none", List.of("abc"))).isEmpty();
    }

    @Test
    void findByEmailsIsCaseInsensitiveIncludesArchivedAndKeysByLowerCasedAddress() {
        Customer zhang = data.person("Zhang").emails(List.of(EmailAddress.of("Zhang.Wei@Example.com"))).build();
        Customer archived = data.person("Archived").emails(List.of(EmailAddress.of("li@example.com")))
                .archivedAt(data.now()).build();
        Customer second = data.person("Second address").emails(List.of(EmailAddress.of("first@example.com"),
                EmailAddress.of("backup@example.org"))).build();
        Customer underscore = data.person("Underscore").emails(List.of(EmailAddress.of("a_b@example.com"))).build();
        Customer chinese = data.person("中文").emails(List.of(EmailAddress.of("用户@例子.公司"))).build();
        insert(zhang, archived, second, underscore, chinese);

        Map<String, Customer> found = byEmails(List.of("zhang.wei@example.com", "LI@EXAMPLE.COM", "Backup@Example.org",
                "axb@example.com", "用户@例子.公司", "nobody@example.com"));

        assertThat(found).containsOnlyKeys("zhang.wei@example.com", "li@example.com", "backup@example.org", "用户@例子.公司");
        assertSameCustomer(found.get("zhang.wei@example.com"), zhang);
        assertSameCustomer(found.get("li@example.com"), archived);
        assertSameCustomer(found.get("backup@example.org"), second);
        assertSameCustomer(found.get("用户@例子.公司"), chinese);
        assertThat(byEmails(List.of("a_b@example.com"))).containsOnlyKeys("a_b@example.com");
        assertThat(byEmails(List.of())).isEmpty();
    }

    @Test
    void findByEmailsGivesTheOldestOfCustomersSharingAnAddress() {
        Customer oldest = data.person("Oldest").emails(List.of(EmailAddress.of("family@example.com"))).build();
        data.clock().advance(Duration.ofMinutes(1));
        Customer middle = data.person("Middle").emails(List.of(EmailAddress.of("Family@example.com"))).build();
        data.clock().advance(Duration.ofMinutes(1));
        Customer newest = data.person("Newest").emails(List.of(EmailAddress.of("family@EXAMPLE.com"))).build();
        insert(newest, middle);
        insert(oldest);

        Map<String, Customer> found = byEmails(List.of("FAMILY@example.com"));

        assertThat(found).containsOnlyKeys("family@example.com");
        assertSameCustomer(found.get("family@example.com"), oldest);
    }

    // ---- pages ----------------------------------------------------------------------------------------

    @Test
    void pagesCoverEveryCustomerOnceInIdOrder() {
        List<Customer> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(data.person("P" + i).build());
        }
        List<Customer> shuffled = new ArrayList<>(all);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        insert(shuffled.toArray(Customer[]::new));
        List<UUID> expected = ids(sorted(all, byId(c -> c.id().value())), c -> c.id().value());

        for (int limit : PAGE_LIMITS) {
            List<Customer> paged = readAllPages(limit, (r, p) -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), p));
            assertThat(ids(paged, c -> c.id().value())).as("limit %d", limit).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void pagesOfAFilteredSearchStayWithinTheFilter() {
        List<UUID> vips = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Customer c = data.person("P" + i).tags(i % 3 == 0 ? Set.of("other") : Set.of("vip")).build();
            insert(c);
            if (i % 3 != 0) {
                vips.add(c.id().value());
            }
        }
        for (int limit : PAGE_LIMITS) {
            List<Customer> paged = readAllPages(limit, (r, p) -> r.customers().search(CustomerQuery.all().tag("vip"), AccessScope.everything(), p));
            assertThat(ids(paged, c -> c.id().value())).as("limit %d", limit).containsExactlyElementsOf(vips);
        }
    }

    @Test
    void emptySearchGivesAnEmptyLastPage() {
        insert(data.person("A").build());

        Page<Customer> page = read(r -> r.customers().search(CustomerQuery.all().tag("none"), AccessScope.everything(), PageRequest.first(5)));

        assertThat(page.items()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void cursorKeepsItsPlaceWhenCustomersAreAddedBetweenPages() {
        List<Customer> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(data.person("P" + i).build());
        }
        insert(first.toArray(Customer[]::new));

        Page<Customer> page1 = read(r -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), PageRequest.first(3)));
        Customer later = data.person("Later").build();
        insert(later);
        List<Customer> rest = new ArrayList<>();
        Optional<String> cursor = page1.nextCursor();
        while (cursor.isPresent()) {
            String c = cursor.get();
            Page<Customer> page = read(r -> r.customers().search(CustomerQuery.all(), AccessScope.everything(), PageRequest.after(c, 3)));
            rest.addAll(page.items());
            cursor = page.nextCursor();
        }

        assertThat(page1.items()).containsExactlyElementsOf(first.subList(0, 3));
        assertThat(rest).containsExactlyElementsOf(List.of(first.get(3), first.get(4), first.get(5), later));
    }
}
