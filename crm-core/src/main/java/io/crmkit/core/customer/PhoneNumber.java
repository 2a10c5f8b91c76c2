package io.crmkit.core.customer;

import io.crmkit.core.ValidationException;
import java.util.Locale;
import java.util.Map;

/**
 * A phone number in E.164 form ({@code +8613800138000}). {@link #parse(String, String)} reads what
 * people type: spaces, dashes, dots and brackets, a {@code 00} international prefix, and national
 * numbers of the default region. With region {@code CN}, mainland mobile numbers (11 digits starting
 * with 1) need no {@code +86}.
 */
public record PhoneNumber(String value) implements ContactPoint {
    /** Country calling codes for the regions whose national numbers are understood without a prefix. */
    private static final Map<String, String> CALLING_CODES = Map.ofEntries(
            Map.entry("CN", "86"), Map.entry("HK", "852"), Map.entry("MO", "853"), Map.entry("TW", "886"),
            Map.entry("US", "1"), Map.entry("CA", "1"), Map.entry("GB", "44"), Map.entry("DE", "49"),
            Map.entry("FR", "33"), Map.entry("IT", "39"), Map.entry("ES", "34"), Map.entry("NL", "31"),
            Map.entry("JP", "81"), Map.entry("KR", "82"), Map.entry("SG", "65"), Map.entry("MY", "60"),
            Map.entry("AU", "61"), Map.entry("NZ", "64"), Map.entry("IN", "91"), Map.entry("RU", "7"),
            Map.entry("BR", "55"), Map.entry("MX", "52"), Map.entry("TH", "66"), Map.entry("VN", "84"),
            Map.entry("ID", "62"), Map.entry("PH", "63"), Map.entry("AE", "971"), Map.entry("CH", "41"));

    /** Accepts only E.164: a plus, then 8 to 15 digits, not starting with 0. */
    public PhoneNumber {
        if (value == null || !value.matches("\\+[1-9][0-9]{7,14}")) {
            throw ValidationException.of("phone", "format", "must be in E.164 form like +8613800138000");
        }
    }

    /** The regions {@link #parse(String, String)} knows national numbers for. */
    public static boolean knowsRegion(String region) {
        return CALLING_CODES.containsKey(region.toUpperCase(Locale.ROOT));
    }

    /** Parses with default region CN. */
    public static PhoneNumber parse(String raw) {
        return parse(raw, "CN");
    }

    /**
     * Parses a number as typed, reading numbers without an international prefix as national numbers
     * of {@code defaultRegion} (ISO 3166 alpha-2).
     */
    public static PhoneNumber parse(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw ValidationException.of("phone", "required", "must not be blank");
        }
        String s = raw.strip();
        StringBuilder digits = new StringBuilder();
        boolean plus = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c == '+' && i == 0) {
                plus = true;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\u00A0') {
                throw ValidationException.of("phone", "format", "may contain only digits, spaces, dashes, dots, brackets and a leading +");
            }
        }
        String d = digits.toString();
        if (plus) {
            return new PhoneNumber("+" + d);
        }
        if (d.startsWith("00")) {
            return new PhoneNumber("+" + d.substring(2));
        }
        String code = CALLING_CODES.get(defaultRegion.toUpperCase(Locale.ROOT));
        if (code == null) {
            throw ValidationException.of("phone", "unknown_region",
                    "needs an international prefix: region " + defaultRegion + " is not known");
        }
        if (code.equals("86") && d.matches("1[3-9][0-9]{9}")) {
            return new PhoneNumber("+86" + d);
        }
        if (code.equals("1") && d.length() == 11 && d.startsWith("1")) {
            return new PhoneNumber("+" + d);
        }
        // A leading 0 is the trunk prefix in most numbering plans (not in Italy's).
        String national = d.startsWith("0") && !code.equals("39") ? d.substring(1) : d;
        if (national.length() < 6) {
            throw ValidationException.of("phone", "format", "is too short to be a phone number");
        }
        return new PhoneNumber("+" + code + national);
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
