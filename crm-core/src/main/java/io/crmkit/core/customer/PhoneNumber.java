package io.crmkit.core.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import io.crmkit.core.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +8613800138000}), the key customers are searched and matched by.
 *
 * <p>{@link #parse(String, String)} reads a number as people type it and accepts it only if it is a
 * valid number of its country's numbering plan (Google's libphonenumber decides):
 *
 * <pre>{@code
 * PhoneNumber.parse("138 0013 8000", "CN")      // +8613800138000, a mobile
 * PhoneNumber.parse("010-1234 5678", "CN")      // +861012345678, a Beijing fixed line: trunk 0 dropped
 * PhoneNumber.parse("8 912 345-67-89", "RU")    // +79123456789: trunk 8 dropped
 * PhoneNumber.parse("+44 (0)20 7946 0018", "CN") // +442079460018: an international number ignores the region
 * PhoneNumber.parse("12345678", "CN")           // ValidationException: phone, invalid
 * }</pre>
 *
 * Numbers without an international prefix are read as national numbers of the given region, with its
 * trunk prefix and its international dialling prefix ({@code 00} in CN, {@code 011} in US). Typed numbers
 * may hold digits (ASCII, full-width or of any other script), spaces, dashes, dots, slashes, brackets and
 * one leading {@code +}, in their ASCII or full-width forms; nothing else (no letters, extensions or
 * emoji). A rejected number throws a {@link ValidationException} naming field {@code phone} with one of
 * these codes:
 * <ul>
 *   <li>{@code required}: null or blank;</li>
 *   <li>{@code format}: not shaped like a phone number anywhere: a character outside those above, no
 *       digits, or too few or too many digits for any country;</li>
 *   <li>{@code unknown_region}: a national number, but the region is not one libphonenumber knows;</li>
 *   <li>{@code invalid}: shaped like a phone number, but no such number exists in its country's plan
 *       (wrong length, unused range, unknown country calling code, local number without area code).</li>
 * </ul>
 *
 * <p>The constructor checks the E.164 form only, not the numbering plan, so that numbers stored earlier
 * always load. {@link #kind()} tells a mobile from a fixed line.
 *
 * @param value {@code +}, then the country calling code and the national number, digits only
 */
public record PhoneNumber(String value) implements ContactPoint {
    /** What a number of some country's plan looks like; a few plans (DE, ID, KR) exceed E.164's 15 digits. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{5,18}");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    /** What kind of line a number is, as far as the numbering plan tells. */
    public enum Kind {
        /** A mobile number. */
        MOBILE,
        /** A fixed (landline) number: it can take calls but not SMS. */
        FIXED_LINE,
        /** A number whose plan does not tell mobile and fixed lines apart, as in the US and Canada. */
        FIXED_LINE_OR_MOBILE,
        /** A toll-free number, such as US 800 or CN 800. */
        TOLL_FREE,
        /** A VoIP number. */
        VOIP,
        /** A valid number of another kind: premium rate, shared cost (CN 400), personal, pager, voicemail, UAN. */
        OTHER,
        /** Not a valid number of today's plans, such as one stored before numbers were validated. */
        UNKNOWN
    }

    /** Accepts E.164 form only: a plus, then 6 to 19 digits, the first not 0. The numbering plan is not checked. */
    public PhoneNumber {
        if (value == null || !E164.matcher(value).matches()) {
            throw ValidationException.of("phone", "format", "must be in E.164 form like +8613800138000");
        }
    }

    /**
     * Whether national numbers of this region (ISO 3166 alpha-2, any case) can be parsed: one of the regions
     * libphonenumber has a numbering plan for.
     */
    public static boolean knowsRegion(String region) {
        Objects.requireNonNull(region, "region");
        return PHONES.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /**
     * Parses a number as typed and checks that it exists in its country's numbering plan. Numbers without an
     * international prefix are read as national numbers of {@code defaultRegion} (ISO 3166 alpha-2, any case),
     * normally the one configured with {@code Crm.builder().defaultRegion(...)}.
     *
     * @throws ValidationException naming field {@code phone}, with code {@code required}, {@code format},
     *                             {@code unknown_region} or {@code invalid} (see the class description)
     */
    public static PhoneNumber parse(String raw, String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        if (raw == null || raw.isBlank()) {
            throw ValidationException.of("phone", "required", "must not be blank");
        }
        String typed = raw.strip();
        checkCharacters(typed);
        String region = defaultRegion.toUpperCase(Locale.ROOT);
        Phonenumber.PhoneNumber number;
        try {
            number = PHONES.parse(typed, region);
        } catch (NumberParseException e) {
            throw rejected(e, typed, region);
        }
        if (!PHONES.isValidNumber(number)) {
            throw invalid(number);
        }
        return new PhoneNumber(PHONES.format(number, PhoneNumberFormat.E164));
    }

    /**
     * What kind of line this number is. {@link Kind#UNKNOWN} for a value that is not a valid number in
     * E.164 form today, such as {@code +789123456789}, stored before numbers were validated ({@code parse}
     * reads it as {@code +79123456789}).
     */
    public Kind kind() {
        Phonenumber.PhoneNumber number;
        try {
            number = PHONES.parse(value, "ZZ");
        } catch (NumberParseException e) {
            return Kind.UNKNOWN;
        }
        if (!value.equals(PHONES.format(number, PhoneNumberFormat.E164))) {
            return Kind.UNKNOWN; // libphonenumber repaired it: this value itself is no valid E.164 number
        }
        return switch (PHONES.getNumberType(number)) {
            case MOBILE -> Kind.MOBILE;
            case FIXED_LINE -> Kind.FIXED_LINE;
            case FIXED_LINE_OR_MOBILE -> Kind.FIXED_LINE_OR_MOBILE;
            case TOLL_FREE -> Kind.TOLL_FREE;
            case VOIP -> Kind.VOIP;
            case PREMIUM_RATE, SHARED_COST, PERSONAL_NUMBER, PAGER, UAN, VOICEMAIL -> Kind.OTHER;
            default -> Kind.UNKNOWN;
        };
    }

    private static void checkCharacters(String typed) {
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            boolean ok = Character.isDigit(c) || isSeparator(c) || (i == 0 && (c == '+' || c == '\uFF0B'));
            if (!ok) {
                throw ValidationException.of("phone", "format",
                        "may contain only digits, spaces, dashes, dots, slashes, brackets and a leading +");
            }
        }
    }

    /** Separators people type, in ASCII and the full-width forms of CJK input methods. */
    private static boolean isSeparator(char c) {
        return switch (c) {
            case ' ', '\u00A0', '\u3000', '-', '\uFF0D', '.', '\uFF0E', '/', '\uFF0F', '(', ')', '\uFF08', '\uFF09' -> true;
            default -> false;
        };
    }

    private static ValidationException rejected(NumberParseException e, String typed, String region) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> international(typed) || knowsRegion(region)
                    ? ValidationException.of("phone", "invalid", "does not start with a country calling code in use")
                    : ValidationException.of("phone", "unknown_region",
                            "needs an international prefix like +86: region " + region + " is not known");
            case TOO_LONG -> ValidationException.of("phone", "format", "has too many digits for a phone number");
            case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> ValidationException.of("phone", "format",
                    "has too few digits for a phone number");
            default -> ValidationException.of("phone", "format", "is not a phone number");
        };
    }

    private static boolean international(String typed) {
        return typed.charAt(0) == '+' || typed.charAt(0) == '\uFF0B';
    }

    private static ValidationException invalid(Phonenumber.PhoneNumber number) {
        int code = number.getCountryCode();
        List<String> regions = PHONES.getRegionCodesForCountryCode(code);
        String plan = "+" + code + (regions.size() == 1 ? " (" + regions.get(0) + ")" : "");
        String message = switch (PHONES.isPossibleNumberWithReason(number)) {
            case TOO_SHORT -> "is too short for a number of " + plan;
            case TOO_LONG -> "is too long for a number of " + plan;
            case INVALID_LENGTH -> "has a length that no number of " + plan + " has";
            case IS_POSSIBLE_LOCAL_ONLY -> "is not a complete number of " + plan + ": add the area code";
            case INVALID_COUNTRY_CODE -> "does not start with a country calling code in use";
            default -> "is not a valid number of " + plan + ": no such number range is in use";
        };
        return ValidationException.of("phone", "invalid", message);
    }

    @Override
    public String text() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
