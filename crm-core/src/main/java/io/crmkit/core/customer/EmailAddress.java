package io.crmkit.core.customer;

import io.crmkit.core.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A validated email address. The domain is lower-cased; the local part keeps its case, as the
 * standard says it may matter. Internationalised domains and local parts (Unicode letters) are accepted.
 */
public record EmailAddress(String value) implements ContactPoint {
    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");

    public EmailAddress {
        value = normalise(value);
    }

    public static EmailAddress of(String value) {
        return new EmailAddress(value);
    }

    private static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("required", "must not be blank");
        }
        String s = raw.strip();
        if (s.length() > 254) {
            throw invalid("too_long", "must be at most 254 characters");
        }
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw invalid("format", "must look like name@example.com");
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw invalid("format", "has an invalid part before the @");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw invalid("format", "needs a domain with a dot, like example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid("format", "has an invalid domain");
            }
        }
        return local + "@" + domain;
    }

    private static ValidationException invalid(String code, String message) {
        return ValidationException.of("email", code, message);
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
