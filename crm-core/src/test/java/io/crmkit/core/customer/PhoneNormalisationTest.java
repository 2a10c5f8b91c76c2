package io.crmkit.core.customer;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.TestCrm;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Phone numbers as people type them end up in E.164, through the customer service. */
class PhoneNormalisationTest {

    private static String storedPhone(Crm crm, String typed) {
        return crm.customers().create(NewCustomer.person("张三").phone(typed)).primaryPhone().orElseThrow().value();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "13800138000           | +8613800138000",
            "138 0013 8000         | +8613800138000",
            "138-0013-8000         | +8613800138000",
            "(138) 0013.8000       | +8613800138000",
            "+86 138 0013 8000     | +8613800138000",
            "+86-138-0013-8000     | +8613800138000",
            "0086 138 0013 8000    | +8613800138000",
            "008613800138000       | +8613800138000",
            "+8613800138000        | +8613800138000",
            "010-6552 9988         | +861065529988",
            "(021) 5888 1234       | +862158881234",
            "+1 (415) 555-0132     | +14155550132",
            "+44 20 7946 0018      | +442079460018"})
    void chinaIsTheDefaultRegion(String typed, String e164) {
        try (Crm crm = TestCrm.create()) {
            assertThat(storedPhone(crm, typed)).isEqualTo(e164);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "(415) 555-0132     | +14155550132",
            "415.555.0132       | +14155550132",
            "1 415 555 0132     | +14155550132",
            "+86 138 0013 8000  | +8613800138000",
            "0086 13800138000   | +8613800138000"})
    void anotherDefaultRegionReadsItsNationalNumbers(String typed, String e164) {
        try (Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START)).defaultRegion("US").build()) {
            assertThat(storedPhone(crm, typed)).isEqualTo(e164);
        }
    }

    @Test
    void aChineseMobileWithoutPrefixIsNotReadAsChineseUnderAnotherRegion() {
        try (Crm crm = TestCrm.builder(MutableClock.at(TestCrm.START)).defaultRegion("us").build()) {
            assertThat(storedPhone(crm, "13800138000")).isEqualTo("+13800138000");
        }
    }

    @Test
    void anUnknownDefaultRegionIsRefusedByTheBuilder() {
        assertThat(violationsOf(() -> TestCrm.builder(MutableClock.at(TestCrm.START)).defaultRegion("XX").build()))
                .containsExactly("defaultRegion:unknown_region");
    }

    @Test
    void parsingWithAnUnknownRegionNeedsAnInternationalPrefix() {
        assertThat(violationsOf(() -> PhoneNumber.parse("4155550132", "XX"))).containsExactly("phone:unknown_region");
        assertThat(PhoneNumber.parse("+1 415 555 0132", "XX").value()).isEqualTo("+14155550132");
    }

    @Test
    void theConstructorAcceptsOnlyE164() {
        assertThat(new PhoneNumber("+8613800138000").text()).isEqualTo("+8613800138000");
        assertThat(violationsOf(() -> new PhoneNumber("13800138000"))).containsExactly("phone:format");
        assertThat(violationsOf(() -> new PhoneNumber("+86 138"))).containsExactly("phone:format");
    }

    /** Any Chinese mobile number, however it is punctuated and prefixed, normalises to the same E.164. */
    @Test
    void randomlyFormattedChineseMobilesNormaliseToE164() {
        Random random = new Random(20250310L);
        String[] separators = {"", " ", "-", ".", " - ", "\u00A0"};
        String[] prefixes = {"", "+86", "+86 ", "0086", "0086-", "+86-"};
        try (Crm crm = TestCrm.create()) {
            for (int n = 0; n < 300; n++) {
                StringBuilder digits = new StringBuilder("1").append(3 + random.nextInt(7));
                for (int i = 0; i < 9; i++) {
                    digits.append(random.nextInt(10));
                }
                String sep = separators[random.nextInt(separators.length)];
                String typed = prefixes[random.nextInt(prefixes.length)]
                        + digits.substring(0, 3) + sep + digits.substring(3, 7) + sep + digits.substring(7);
                assertThat(PhoneNumber.parse(typed, "CN").value()).as(typed).isEqualTo("+86" + digits);
            }
            // and through the service, a sample of them
            for (int n = 0; n < 20; n++) {
                String digits = "139" + String.format("%08d", random.nextInt(100_000_000));
                String typed = prefixes[random.nextInt(prefixes.length)] + digits;
                assertThat(storedPhone(crm, typed)).as(typed).isEqualTo("+86" + digits);
            }
        }
    }

    /** Strings with a character outside digits and separators are never accepted, whatever else they hold. */
    @Test
    void randomStringsWithForeignCharactersAreRejected() {
        Random random = new Random(42L);
        String foreign = "abcxyz*#/,;:_!?~=<>张😀";
        try (Crm crm = TestCrm.create()) {
            for (int n = 0; n < 200; n++) {
                StringBuilder s = new StringBuilder();
                int length = 8 + random.nextInt(8);
                for (int i = 0; i < length; i++) {
                    s.append((char) ('0' + random.nextInt(10)));
                }
                int cp = foreign.codePointAt(foreign.offsetByCodePoints(0, random.nextInt(foreign.codePointCount(0, foreign.length()))));
                s.insert(1 + random.nextInt(s.length() - 1), Character.toChars(cp));
                String typed = s.toString();
                assertThat(violationsOf(() -> crm.customers().create(NewCustomer.person("张三").phone(typed))))
                        .as(typed).containsExactly("phones[0]:format");
            }
            assertThat(crm.customers().search(CustomerQuery.all(), io.crmkit.core.PageRequest.first(10)).items()).isEmpty();
        }
    }

    /** Whatever is accepted is valid E.164: a plus and 8 to 15 digits. */
    @Test
    void everythingAcceptedIsE164() {
        Random random = new Random(7L);
        String alphabet = "0123456789 -.()+";
        int accepted = 0;
        for (int n = 0; n < 2000; n++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(22);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                String e164 = PhoneNumber.parse(s.toString(), "CN").value();
                assertThat(e164).as(s.toString()).matches("\\+[1-9][0-9]{7,14}");
                accepted++;
            } catch (io.crmkit.core.ValidationException e) {
                assertThat(e.violations()).allMatch(v -> v.field().equals("phone"));
            }
        }
        assertThat(accepted).as("the generator produces some valid numbers").isPositive();
    }
}
