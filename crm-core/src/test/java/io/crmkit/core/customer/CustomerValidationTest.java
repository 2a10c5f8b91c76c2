package io.crmkit.core.customer;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.Pages;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.security.DepartmentRef;
import io.crmkit.core.security.UserRef;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every customer rule rejects bad input, names the field and the rule, and stores nothing. */
class CustomerValidationTest {
    private final Crm crm = TestCrm.create();

    @AfterEach
    void close() {
        crm.close();
    }

    private List<Customer> everyone() {
        return Pages.all(p -> crm.customers().search(CustomerQuery.all().includeArchived(true), p));
    }

    private List<String> rejected(NewCustomer form) {
        List<String> violations = violationsOf(() -> crm.customers().create(form));
        assertThat(everyone()).as("nothing stored after a rejected create").isEmpty();
        return violations;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t \u3000 "})
    void blankDisplayNameIsRequired(String name) {
        assertThat(rejected(NewCustomer.person(name))).containsExactly("displayName:required");
    }

    @Test
    void nullDisplayNameIsRequired() {
        assertThat(rejected(NewCustomer.person(null))).containsExactly("displayName:required");
    }

    @Test
    void displayNameIsTrimmed() {
        assertThat(crm.customers().create(NewCustomer.person("  张三 \n")).displayName()).isEqualTo("张三");
    }

    @Test
    void displayNameOf200CodePointsIsAcceptedAnd201Rejected() {
        String chinese200 = "张".repeat(200);
        String emoji200 = "😀".repeat(200); // 400 UTF-16 chars, 200 characters
        assertThat(crm.customers().create(NewCustomer.person(chinese200)).displayName()).isEqualTo(chinese200);
        assertThat(crm.customers().create(NewCustomer.person(emoji200)).displayName()).isEqualTo(emoji200);
        int before = everyone().size();

        assertThat(violationsOf(() -> crm.customers().create(NewCustomer.person("a".repeat(201)))))
                .containsExactly("displayName:too_long");
        assertThat(violationsOf(() -> crm.customers().create(NewCustomer.person("😀".repeat(201)))))
                .containsExactly("displayName:too_long");
        assertThat(everyone()).hasSize(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"张\u0000三", "Bell\u0007", "line\nbreak", "tab\there", "esc\u001B[31m", "del\u007F"})
    void controlCharactersInDisplayNameAreRejected(String name) {
        assertThat(rejected(NewCustomer.person(name))).containsExactly("displayName:control_character");
    }

    @Test
    void brokenSurrogatesAreRejected() {
        assertThat(rejected(NewCustomer.person("half \uD83D emoji"))).containsExactly("displayName:malformed_unicode");
    }

    static Stream<Arguments> badEmails() {
        return Stream.of(
                Arguments.of("   ", "required"),
                Arguments.of("a".repeat(250) + "@x.com", "too_long"),
                Arguments.of("no-at-sign.example.com", "format"),
                Arguments.of("@example.com", "format"),
                Arguments.of("zhang@", "format"),
                Arguments.of(".zhang@example.com", "format"),
                Arguments.of("zhang.@example.com", "format"),
                Arguments.of("zh..ang@example.com", "format"),
                Arguments.of("zh ang@example.com", "format"),
                Arguments.of("zhang@localhost", "format"),
                Arguments.of("zhang@-example.com", "format"),
                Arguments.of("zhang@example..com", "format"),
                Arguments.of("zhang@exa_mple.com", "format"),
                Arguments.of("a".repeat(65) + "@example.com", "format"));
    }

    @ParameterizedTest
    @MethodSource("badEmails")
    void badEmailsAreRejectedByRule(String email, String code) {
        assertThat(rejected(NewCustomer.person("张三").email(email))).containsExactly("emails[0]:" + code);
    }

    @Test
    void theIndexOfTheBadEmailIsNamed() {
        assertThat(rejected(NewCustomer.person("张三").email("ok@example.com").email("bad")))
                .containsExactly("emails[1]:format");
    }

    @Test
    void emailDomainIsLowerCasedButLocalPartKept() {
        Customer c = crm.customers().create(NewCustomer.person("张三").email("  ZhangSan@Example.COM "));
        assertThat(c.emails()).containsExactly(EmailAddress.of("ZhangSan@example.com"));
        assertThat(c.primaryEmail()).map(EmailAddress::value).contains("ZhangSan@example.com");
    }

    @Test
    void internationalisedEmailsAreAccepted() {
        Customer c = crm.customers().create(NewCustomer.person("张三").email("张三@例子.中国"));
        assertThat(c.emails()).extracting(EmailAddress::value).containsExactly("张三@例子.中国");
    }

    @ParameterizedTest
    @ValueSource(strings = {"138-0013-800a", "+86 138 0013 8000 ext 1", "+", "++8613800138000",
            "+86 138 0013 8000 0000 0000", "138*0013*8000"})
    void badPhonesAreRejected(String phone) {
        assertThat(rejected(NewCustomer.person("张三").phone(phone))).containsExactly("phones[0]:format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "+0861380013800", "+86 138 0013 800", "+86 138 0013 8000 0", "+86 138 0013 8000 0000 0", "12345678", "+1 23456789"})
    void phonesThatAreNoRealNumberAreRejected(String phone) {
        assertThat(rejected(NewCustomer.person("张三").phone(phone))).containsExactly("phones[0]:invalid");
    }

    @Test
    void blankPhoneIsRequired() {
        assertThat(rejected(NewCustomer.person("张三").phone("  "))).containsExactly("phones[0]:required");
    }

    @Test
    void badTagsAreRejected() {
        assertThat(rejected(NewCustomer.person("张三").tag("ok", " "))).containsExactly("tags[1]:required");
        assertThat(rejected(NewCustomer.person("张三").tag("ok", "x".repeat(51)))).containsExactly("tags[1]:too_long");
        assertThat(rejected(NewCustomer.person("张三").tag("ok", "bad\u0001tag"))).containsExactly("tags[1]:control_character");
    }

    @Test
    void atMost50Tags() {
        NewCustomer form = NewCustomer.person("张三");
        for (int i = 0; i < 51; i++) {
            form.tag("t" + i);
        }
        assertThat(rejected(form)).containsExactly("tags:too_many");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "semi;colon", "x123456789x123456789x123456789x123456789x123456789x123456789xxxxx"})
    void badAttributeNamesAreRejected(String name) {
        assertThat(rejected(NewCustomer.person("张三").attribute(name, "v"))).containsExactly("attributes:name_format");
    }

    @Test
    void tooLongAttributeTextIsRejected() {
        assertThat(rejected(NewCustomer.person("张三").attribute("note", "字".repeat(2001))))
                .containsExactly("attributes.note:too_long");
    }

    @Test
    void ownerDepartmentAndJobTitleAreLimited() {
        assertThat(violationsOf(() -> UserRef.of("u".repeat(101)))).containsExactly("userId:too_long");
        assertThat(violationsOf(() -> DepartmentRef.of("d".repeat(101)))).containsExactly("departmentId:too_long");
        assertThat(violationsOf(() -> UserRef.of(" "))).containsExactly("userId:required");
        assertThat(UserRef.of(" 王芳 ").id()).isEqualTo("王芳");
        assertThat(rejected(NewCustomer.person("张三").jobTitle("j\u0000"))).containsExactly("jobTitle:control_character");
    }

    @Test
    void externalRefNeedsSystemAndId() {
        assertThat(rejected(NewCustomer.person("张三").externalRef(" ", "C-1")))
                .containsExactly("externalRefs[0]:required");
        assertThat(rejected(NewCustomer.person("张三").externalRef("erp", "")))
                .containsExactly("externalRefs[0]:required");
    }

    @Test
    void consentNeedsASource() {
        assertThat(rejected(NewCustomer.person("张三").consent(ContactChannel.SMS, ConsentStatus.OPTED_IN, " ")))
                .containsExactly("consents.sms.source:required");
    }

    @Test
    void anOrganisationCannotBelongToAnOrganisation() {
        Customer org = crm.customers().create(NewCustomer.organization("华为技术有限公司"));
        List<String> v = violationsOf(() -> crm.customers().create(NewCustomer.organization("子公司").organization(org.id())));
        assertThat(v).containsExactly("organizationId:not_a_person");
        assertThat(everyone()).containsExactly(org);
    }

    @Test
    void aPersonMustBelongToAnExistingOrganisation() {
        Customer person = crm.customers().create(NewCustomer.person("李四"));
        CustomerId nowhere = CustomerId.parse("01900000-0000-7000-8000-000000000000");

        assertThat(violationsOf(() -> crm.customers().create(NewCustomer.person("张三").organization(nowhere))))
                .containsExactly("organizationId:not_found");
        assertThat(violationsOf(() -> crm.customers().create(NewCustomer.person("张三").organization(person.id()))))
                .containsExactly("organizationId:not_an_organization");
        assertThat(everyone()).containsExactly(person);
    }

    @Test
    void everyViolationIsListedInOneException() {
        NewCustomer form = NewCustomer.organization(" ")
                .email("not-an-email")
                .phone("call me")
                .tag(" ")
                .attribute("bad name", true)
                .externalRef("", "x")
                .consent(ContactChannel.EMAIL, ConsentStatus.OPTED_OUT, "")
                .organization(CustomerId.parse("01900000-0000-7000-8000-000000000000"));

        assertThat(rejected(form)).containsExactlyInAnyOrder(
                "displayName:required", "emails[0]:format", "phones[0]:format", "tags[0]:required",
                "attributes:name_format", "externalRefs[0]:required",
                "consents.email.source:required", "organizationId:not_a_person");
    }

    @Test
    void aMissingOrganisationIsListedWithTheOtherViolations() {
        NewCustomer form = NewCustomer.person(" ").email("nope")
                .organization(CustomerId.parse("01900000-0000-7000-8000-000000000000"));
        assertThat(rejected(form)).containsExactlyInAnyOrder("displayName:required", "emails[0]:format",
                "organizationId:not_found");
    }

    @Test
    void aRejectedUpdateChangesNothing() {
        Customer c = crm.customers().create(NewCustomer.person("张三").email("zs@example.com").tag("vip"));

        assertThat(violationsOf(() -> crm.customers().update(c.edit().displayName("").email("bad").tag("  "))))
                .containsExactlyInAnyOrder("displayName:required", "emails[1]:format", "tags[1]:required");
        assertThat(crm.customers().require(c.id())).isEqualTo(c);
    }

    @Test
    void violationMessagesNameFieldAndRule() {
        assertThatThrownBy(() -> crm.customers().create(NewCustomer.person("")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("displayName")
                .hasMessageContaining("required");
    }
}
