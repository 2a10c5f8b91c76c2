package io.crmkit.core.customer;

import static io.crmkit.core.Violations.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.MutableClock;
import io.crmkit.core.PageRequest;
import io.crmkit.core.TestCrm;
import io.crmkit.core.ValidationException;
import io.crmkit.core.importing.ImportOptions;
import io.crmkit.core.importing.ImportReport;
import io.crmkit.core.importing.ImportRow;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Phone numbers as people type them end up in E.164, or are refused, through the customer service. */
class PhoneNormalisationTest {

    private static String storedPhone(Crm crm, String typed) {
        return crm.customers().create(NewCustomer.person("张三").phone(typed)).primaryPhone().orElseThrow().value();
    }

    private static Crm crmIn(String region) {
        return TestCrm.builder(MutableClock.at(TestCrm.START)).defaultRegion(region).build();
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
            "+86 010 1234 5678     | +861012345678",
            "+86 (0)10 1234 5678   | +861012345678",
            "0086 010 1234 5678    | +861012345678",
            "+1 (415) 555-0132     | +14155550132",
            "+44 20 7946 0018      | +442079460018",
            "+44 (0)20 7946 0018   | +442079460018",
            "+7 912 345-67-89      | +79123456789"})
    void chinaIsTheDefaultRegion(String typed, String e164) {
        try (Crm crm = TestCrm.create()) {
            assertThat(storedPhone(crm, typed)).isEqualTo(e164);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "(415) 555-0132        | +14155550132",
            "415.555.0132          | +14155550132",
            "1 415 555 0132        | +14155550132",
            "+86 138 0013 8000     | +8613800138000",
            "011 86 138 0013 8000  | +8613800138000"})
    void anotherDefaultRegionReadsItsNationalNumbersAndInternationalPrefix(String typed, String e164) {
        try (Crm crm = crmIn("US")) {
            assertThat(storedPhone(crm, typed)).isEqualTo(e164);
        }
    }

    /** The trunk prefix (8 in Russia, 0 in China) is dropped, not kept as a digit of the number. */
    @Test
    void theTrunkPrefixIsDropped() {
        try (Crm crm = crmIn("RU")) {
            assertThat(storedPhone(crm, "8 912 345-67-89")).isEqualTo("+79123456789");
            assertThat(storedPhone(crm, "8 (912) 345-67-89")).isEqualTo("+79123456789");
        }
        assertThat(PhoneNumber.parse("8 912 345-67-89", "RU").value()).isEqualTo("+79123456789");
        assertThat(PhoneNumber.parse("+86 010 1234 5678", "CN").value()).isEqualTo("+861012345678");
        assertThat(PhoneNumber.parse("+86 010 1234 5678", "US").value()).isEqualTo("+861012345678");
    }

    /** Well-formed digits that are no number of their country's plan are refused, so no customer gets one. */
    @Test
    void numbersThatDoNotExistAreRefused() {
        assertThat(violationsOf(() -> PhoneNumber.parse("12345678", "CN"))).containsExactly("phone:invalid");
        assertThat(violationsOf(() -> PhoneNumber.parse("+1 23456789", "CN"))).containsExactly("phone:invalid");
        assertThat(violationsOf(() -> PhoneNumber.parse("+1 23456789", "US"))).containsExactly("phone:invalid");
        try (Crm crm = TestCrm.create()) {
            assertThat(violationsOf(() -> crm.customers().create(NewCustomer.person("张三").phone("12345678"))))
                    .containsExactly("phones[0]:invalid");
            assertThat(violationsOf(() -> crm.customers().create(NewCustomer.person("张三").phone("+1 23456789"))))
                    .containsExactly("phones[0]:invalid");
            assertThat(crm.customers().search(CustomerQuery.all(), PageRequest.first(10)).items()).isEmpty();
        }
    }

    @Test
    void theMessageSaysWhatIsWrongWithTheNumber() {
        assertThat(message(() -> PhoneNumber.parse("+86 138 0013 800", "CN"))).isEqualTo("is not a valid number of +86 (CN): no such number range is in use");
        assertThat(message(() -> PhoneNumber.parse("+1 23456789", "CN"))).isEqualTo("is too short for a number of +1");
        assertThat(message(() -> PhoneNumber.parse("12345", "CN"))).isEqualTo("is not a complete number of +86 (CN): add the area code");
        assertThat(message(() -> PhoneNumber.parse("+999 1234 5678", "CN"))).isEqualTo("does not start with a country calling code in use");
        assertThat(message(() -> PhoneNumber.parse("138 0013 8000 ext 1", "CN")))
                .isEqualTo("may contain only digits, spaces, dashes, dots, slashes, brackets and a leading +");
    }

    private static String message(Runnable parse) {
        try {
            parse.run();
        } catch (ValidationException e) {
            assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("phone"));
            return e.violations().get(0).message();
        }
        throw new AssertionError("accepted");
    }

    /** A national number of each region, typed the way people there write it. */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "CN | 131-2345-6789        | +8613123456789  | MOBILE",
            "CN | 010 1234 5678        | +861012345678   | FIXED_LINE",
            "US | (201) 555-0123       | +12015550123    | FIXED_LINE_OR_MOBILE",
            "US | 1-800-555-0199       | +18005550199    | TOLL_FREE",
            "GB | 07400 123456         | +447400123456   | MOBILE",
            "GB | 0121 234 5678        | +441212345678   | FIXED_LINE",
            "DE | 0151 23456789        | +4915123456789  | MOBILE",
            "DE | 030/123456           | +4930123456     | FIXED_LINE",
            "FR | 06 12 34 56 78       | +33612345678    | MOBILE",
            "FR | 01.23.45.67.89       | +33123456789    | FIXED_LINE",
            "JP | 090-1234-5678        | +819012345678   | MOBILE",
            "JP | 03-1234-5678         | +81312345678    | FIXED_LINE",
            "RU | 8 (912) 345-67-89    | +79123456789    | MOBILE",
            "RU | 8 301 123 45 67      | +73011234567    | FIXED_LINE",
            "IN | 081234 56789         | +918123456789   | MOBILE",
            "IN | 81234-56789          | +918123456789   | MOBILE",
            "BR | (11) 96123-4567      | +5511961234567  | MOBILE",
            "BR | (11) 2345-6789       | +551123456789   | FIXED_LINE",
            "AU | 0412 345 678         | +61412345678    | MOBILE",
            "AU | (02) 1234 5678       | +61212345678    | FIXED_LINE"})
    void nationalNumbersOfTenRegions(String region, String typed, String e164, PhoneNumber.Kind kind) {
        try (Crm crm = crmIn(region)) {
            Customer c = crm.customers().create(NewCustomer.person("客户").phone(typed));
            PhoneNumber stored = c.primaryPhone().orElseThrow();
            assertThat(stored.value()).isEqualTo(e164);
            assertThat(stored.kind()).isEqualTo(kind);
            assertThat(crm.customers().search(CustomerQuery.all().phone(typed), PageRequest.first(10)).items())
                    .extracting(Customer::id).containsExactly(c.id());
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "+8613800138000  | MOBILE",
            "+861065529988   | FIXED_LINE",
            "+14155550132    | FIXED_LINE_OR_MOBILE",
            "+868008208820   | TOLL_FREE",
            "+864008108888   | OTHER",
            "+447400123456   | MOBILE",
            "+4930123456     | FIXED_LINE",
            // stored before validation: well-formed E.164, but no such number, so it loads with kind UNKNOWN
            "+789123456789   | UNKNOWN",
            "+8601012345678  | UNKNOWN",
            "+8612345678     | UNKNOWN"})
    void theKindOfANumber(String e164, PhoneNumber.Kind kind) {
        assertThat(new PhoneNumber(e164).kind()).isEqualTo(kind);
    }

    @Test
    void aChineseMobileWithoutPrefixIsNoNumberUnderAnotherRegion() {
        try (Crm crm = crmIn("us")) {
            assertThat(violationsOf(() -> crm.customers().create(NewCustomer.person("张三").phone("13800138000"))))
                    .containsExactly("phones[0]:invalid");
            assertThat(storedPhone(crm, "+86 13800138000")).isEqualTo("+8613800138000");
        }
    }

    @Test
    void anUnknownDefaultRegionIsRefusedByTheBuilder() {
        assertThat(violationsOf(() -> TestCrm.builder(MutableClock.at(TestCrm.START)).defaultRegion("XX").build()))
                .containsExactly("defaultRegion:unknown_region");
        assertThat(violationsOf(() -> TestCrm.builder(MutableClock.at(TestCrm.START)).defaultRegion("001").build()))
                .containsExactly("defaultRegion:unknown_region");
    }

    @Test
    void theKnownRegionsAreLibphonenumbersOnes() {
        assertThat(Stream.of("CN", "us", "GB", "DE", "FR", "JP", "RU", "IN", "BR", "AU", "SH", "NU", "XK"))
                .allMatch(PhoneNumber::knowsRegion);
        assertThat(Stream.of("XX", "ZZ", "001", "", "CHN")).noneMatch(PhoneNumber::knowsRegion);
        try (Crm crm = crmIn("SH")) { // Saint Helena: numbers of only 7 digits with the country code
            assertThat(storedPhone(crm, "2 2345")).isEqualTo("+29022345");
        }
    }

    @Test
    void parsingWithAnUnknownRegionNeedsAnInternationalPrefix() {
        assertThat(violationsOf(() -> PhoneNumber.parse("4155550132", "XX"))).containsExactly("phone:unknown_region");
        assertThat(violationsOf(() -> PhoneNumber.parse("001 415 555 0132", "XX"))).containsExactly("phone:unknown_region");
        assertThat(PhoneNumber.parse("+1 415 555 0132", "XX").value()).isEqualTo("+14155550132");
    }

    @Test
    void theConstructorAcceptsOnlyE164() {
        assertThat(new PhoneNumber("+8613800138000").text()).isEqualTo("+8613800138000");
        assertThat(violationsOf(() -> new PhoneNumber("13800138000"))).containsExactly("phone:format");
        assertThat(violationsOf(() -> new PhoneNumber("+86 138"))).containsExactly("phone:format");
        assertThat(violationsOf(() -> new PhoneNumber("+0861380013800"))).containsExactly("phone:format");
        assertThat(violationsOf(() -> new PhoneNumber("+12345"))).containsExactly("phone:format");
        assertThat(violationsOf(() -> new PhoneNumber("+1234567890123456789" + "0"))).containsExactly("phone:format");
        // it checks the form only: numbers stored before validation load, however wrong
        assertThat(new PhoneNumber("+789123456789").value()).isEqualTo("+789123456789");
        // numbering plans longer than E.164's 15 digits (Germany's) and short ones (Niue's) fit
        assertThat(PhoneNumber.parse("+49 30 1234567890123", "CN").value()).isEqualTo("+49301234567890123");
        assertThat(PhoneNumber.parse("+683 4002", "CN").value()).isEqualTo("+6834002");
    }

    /** A stored number from before validation reads as the right number when parsed again. */
    @Test
    void parsingAWronglyNormalisedStoredNumberRepairsIt() {
        assertThat(PhoneNumber.parse("+789123456789", "CN").value()).isEqualTo("+79123456789");
        assertThat(PhoneNumber.parse("+8601012345678", "CN").value()).isEqualTo("+861012345678");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "\t \u3000 "})
    void blankNumbersAreRequired(String typed) {
        assertThat(violationsOf(() -> PhoneNumber.parse(typed, "CN"))).containsExactly("phone:required");
        try (Crm crm = TestCrm.create()) {
            assertThat(violationsOf(() -> crm.customers().create(NewCustomer.person("张三").phone(typed))))
                    .containsExactly("phones[0]:required");
        }
    }

    @Test
    void aNullNumberIsRequired() {
        assertThat(violationsOf(() -> PhoneNumber.parse(null, "CN"))).containsExactly("phone:required");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "call me", "138 0013 8000 ext 12", "138-0013-8000x12", "tel:+8613800138000", "1-800-FLOWERS",
            "📞 138 0013 8000", "138 0013 8000 😀", "138😀00138000", "张三 13800138000", "138\t0013\t8000",
            "138*0013*8000", "138#00138000", "+", "++8613800138000", "86+13800138000", "-", "()", "1", "00", "+86",
            "\u0000138 0013 8000"})
    void unreadableInputIsAFormatError(String typed) {
        assertThat(violationsOf(() -> PhoneNumber.parse(typed, "CN"))).containsExactly("phone:format");
    }

    @Test
    void tooManyDigitsForAnyNumberIsAFormatError() {
        assertThat(violationsOf(() -> PhoneNumber.parse("1".repeat(200), "CN"))).containsExactly("phone:format");
        assertThat(violationsOf(() -> PhoneNumber.parse("+" + "8".repeat(200), "CN"))).containsExactly("phone:format");
        assertThat(violationsOf(() -> PhoneNumber.parse("138 0013 8000 ".repeat(1000), "CN"))).containsExactly("phone:format");
        assertThat(violationsOf(() -> PhoneNumber.parse("+86 138 0013 8000 0000 0000", "CN"))).containsExactly("phone:format");
        // too long for China's plan, not for every plan
        assertThat(violationsOf(() -> PhoneNumber.parse("+86 138 0013 8000 0000 0", "CN"))).containsExactly("phone:invalid");
    }

    /** Chinese input methods in full-width mode type full-width digits and separators; other scripts' digits count too. */
    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"１３８００１３８０００", "１３８ ００１３ ８０００", "＋８６　１３８－００１３－８０００",
            "（１３８）００１３．８０００", "+86 138\u00A00013\u00A08000", "١٣٨٠٠١٣٨٠٠٠", "१३८००१३८०००"})
    void fullWidthAndOtherDigitsAreRead(String typed) {
        try (Crm crm = TestCrm.create()) {
            assertThat(storedPhone(crm, typed)).isEqualTo("+8613800138000");
        }
    }

    /** Imported rows are read with the configured region too, and a row with no real number is rejected alone. */
    @Test
    void importedNumbersAreNormalisedWithTheConfiguredRegion() {
        try (Crm crm = crmIn("RU")) {
            ImportReport report = crm.customers().importAll(Stream.of(
                            NewCustomer.person("Иван").phone("8 912 345-67-89").externalRef("erp", "1"),
                            NewCustomer.person("Пётр").phone("8 912 345").externalRef("erp", "2"),
                            NewCustomer.person("Анна").phone("+86 010 1234 5678").externalRef("erp", "3")),
                    ImportOptions.insertOnly());
            assertThat(report.inserted()).isEqualTo(2);
            assertThat(report.problems()).singleElement().satisfies(row -> {
                assertThat(row.outcome()).isEqualTo(ImportRow.Outcome.REJECTED);
                assertThat(row.problems()).extracting(v -> v.field() + ":" + v.code()).containsExactly("phones[0]:invalid");
            });
            assertThat(crm.customers().findByExternalRef("erp", "1").orElseThrow().phones())
                    .containsExactly(new PhoneNumber("+79123456789"));
            assertThat(crm.customers().findByExternalRef("erp", "3").orElseThrow().phones())
                    .containsExactly(new PhoneNumber("+861012345678"));
            assertThat(crm.customers().search(CustomerQuery.all().phone("+7 912 345 67 89"), PageRequest.first(10)).items())
                    .extracting(Customer::displayName).containsExactly("Иван");
        }
    }

    /** Any Chinese mobile number, however it is punctuated and prefixed, normalises to the same E.164. */
    @Test
    void randomlyFormattedChineseMobilesNormaliseToE164() {
        Random random = new Random(20250310L);
        String[] separators = {"", " ", "-", ".", " - ", "\u00A0", "/"};
        String[] prefixes = {"", "+86", "+86 ", "0086", "0086-", "+86-", "+86 (0)"};
        // ranges in use: 13x, 15x but 154, 18x
        String[] ranges = {"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
                "150", "151", "152", "153", "155", "156", "157", "158", "159",
                "180", "181", "182", "183", "184", "185", "186", "187", "188", "189"};
        try (Crm crm = TestCrm.create()) {
            for (int n = 0; n < 300; n++) {
                String digits = ranges[random.nextInt(ranges.length)] + String.format("%08d", random.nextInt(100_000_000));
                String sep = separators[random.nextInt(separators.length)];
                String typed = prefixes[random.nextInt(prefixes.length)]
                        + digits.substring(0, 3) + sep + digits.substring(3, 7) + sep + digits.substring(7);
                PhoneNumber parsed = PhoneNumber.parse(typed, "CN");
                assertThat(parsed.value()).as(typed).isEqualTo("+86" + digits);
                assertThat(parsed.kind()).as(typed).isEqualTo(PhoneNumber.Kind.MOBILE);
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
        String foreign = "abcxyzABCX*#,;:_!?~=<>张😀\u0000\t\u200B";
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
            assertThat(crm.customers().search(CustomerQuery.all(), PageRequest.first(10)).items()).isEmpty();
        }
    }

    /** Whatever is accepted is a valid number in E.164 that parses to itself; everything else is a violation of {@code phone}. */
    @Test
    void everythingAcceptedIsAValidE164Number() {
        Random random = new Random(7L);
        String alphabet = "0123456789 -.()+/";
        int accepted = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder s = new StringBuilder();
            int length = 1 + random.nextInt(22);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String typed = s.toString();
            try {
                PhoneNumber p = PhoneNumber.parse(typed, "CN");
                assertThat(p.value()).as(typed).matches("\\+[1-9][0-9]{5,18}");
                assertThat(p.kind()).as(typed).isNotEqualTo(PhoneNumber.Kind.UNKNOWN);
                assertThat(PhoneNumber.parse(p.value(), "US")).as(typed).isEqualTo(p);
                accepted++;
            } catch (ValidationException e) {
                assertThat(e.violations()).as(typed).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("phone");
                    assertThat(v.code()).isIn(Set.of("required", "format", "invalid"));
                });
            }
        }
        assertThat(accepted).as("the generator produces some valid numbers").isPositive();
    }

    @Test
    void phoneSearchUsesTheConfiguredRegion() {
        try (Crm crm = crmIn("GB")) {
            Customer c = crm.customers().create(NewCustomer.person("Emma").phone("07400 123456"));
            assertThat(crm.customers().search(CustomerQuery.all().phone("+44 7400 123456"), PageRequest.first(10)).items())
                    .extracting(Customer::id).containsExactly(c.id());
            assertThat(crm.customers().search(CustomerQuery.all().phone("07400 123 456"), PageRequest.first(10)).items())
                    .extracting(Customer::id).containsExactly(c.id());
            assertThat(violationsOf(() -> crm.customers().search(CustomerQuery.all().phone("13800138000"), PageRequest.first(10))))
                    .containsExactly("phone:invalid");
        }
    }
}
