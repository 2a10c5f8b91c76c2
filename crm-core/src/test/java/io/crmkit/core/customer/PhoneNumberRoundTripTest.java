package io.crmkit.core.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random valid numbers of many regions: the national form read with its region, the international
 * form read with any region and the E.164 form all give the same number. libphonenumber only makes and
 * formats the numbers here; what is tested is {@link PhoneNumber#parse(String, String)}.
 */
class PhoneNumberRoundTripTest {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final List<String> REGIONS = List.of("CN", "HK", "TW", "US", "CA", "GB", "DE", "FR", "IT", "ES",
            "NL", "JP", "KR", "SG", "RU", "IN", "BR", "MX", "AR", "AU", "ZA", "NG", "AE", "CH");
    private static final List<String> ANY_REGION = List.copyOf(PHONES.getSupportedRegions().stream().sorted().toList());

    @Test
    void nationalInternationalAndE164FormsOfRandomValidNumbersAgree() throws NumberParseException {
        Random random = new Random(20260310L);
        int checked = 0;
        for (String region : REGIONS) {
            for (PhoneNumberType type : List.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE)) {
                for (Phonenumber.PhoneNumber number : randomValidNumbers(region, type, 20, random)) {
                    String e164 = PHONES.format(number, PhoneNumberFormat.E164);
                    String national = PHONES.format(number, PhoneNumberFormat.NATIONAL);
                    String international = PHONES.format(number, PhoneNumberFormat.INTERNATIONAL);
                    String other = ANY_REGION.get(random.nextInt(ANY_REGION.size()));

                    assertThat(PhoneNumber.parse(national, region).value()).as("%s in %s", national, region).isEqualTo(e164);
                    assertThat(PhoneNumber.parse(international, other).value()).as("%s in %s", international, other)
                            .isEqualTo(e164);
                    assertThat(PhoneNumber.parse(e164, other).value()).as("%s in %s", e164, other).isEqualTo(e164);
                    assertThat(new PhoneNumber(e164).kind()).as(e164).isNotEqualTo(PhoneNumber.Kind.UNKNOWN);
                    checked++;
                }
            }
        }
        assertThat(checked).as("numbers checked").isGreaterThan(REGIONS.size() * 2 * 15);
    }

    /** Up to {@code count} valid numbers of the region and type: its example number with random last digits. */
    private static List<Phonenumber.PhoneNumber> randomValidNumbers(String region, PhoneNumberType type, int count,
                                                                    Random random) throws NumberParseException {
        Phonenumber.PhoneNumber example = PHONES.getExampleNumberForType(region, type);
        assertThat(example).as("example %s number of %s", type, region).isNotNull();
        String nsn = PHONES.getNationalSignificantNumber(example);
        int keep = Math.max(2, nsn.length() - 5);
        List<Phonenumber.PhoneNumber> numbers = new ArrayList<>();
        for (int attempt = 0; attempt < count * 20 && numbers.size() < count; attempt++) {
            StringBuilder digits = new StringBuilder(nsn.substring(0, keep));
            while (digits.length() < nsn.length()) {
                digits.append(random.nextInt(10));
            }
            Phonenumber.PhoneNumber candidate = PHONES.parse("+" + example.getCountryCode() + digits, "ZZ");
            if (PHONES.isValidNumber(candidate)) {
                numbers.add(candidate);
            }
        }
        return numbers;
    }
}
