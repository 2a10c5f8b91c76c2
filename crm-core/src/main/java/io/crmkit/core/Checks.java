package io.crmkit.core;

import io.crmkit.core.ValidationException.Violation;
import io.crmkit.core.ValidationException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Collects violations so that one {@link ValidationException} names every bad field at once: the one
 * validation helper of crmkit's services, values and builders, and of adapters written for its SPIs.
 * Each check records a violation (field, rule code, message) and carries on; {@link #throwIfAny()} ends
 * the validation. Messages never echo the value, so secrets stay out of them. Not thread-safe: one
 * instance per validation.
 *
 * <pre>{@code
 * Checks checks = new Checks();
 * checks.httpUrl("url", url);
 * checks.positive("readTimeout", readTimeout);
 * checks.throwIfAny();
 * }</pre>
 */
public final class Checks {
    private final List<Violation> violations = new ArrayList<>();

    /** Trimmed text of 1 to {@code max} code points, without control characters; null when violated. */
    public @Nullable String required(String field, @Nullable String value, int max) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.isEmpty()) {
            add(field, "required", "must not be blank");
            return null;
        }
        return text(field, trimmed, max, false);
    }

    /** Trimmed text of at most {@code max} code points, or null when absent or blank. */
    public @Nullable String optional(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(field, value.strip(), max, false);
    }

    /** Free text such as notes: may span lines, kept exactly as given, at most {@code max} code points. */
    public @Nullable String multiline(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(field, value, max, true);
    }

    private @Nullable String text(String field, String value, int max, boolean multiline) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            add(field, "too_long", "must be at most " + max + " characters but has " + length);
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowedControl = multiline && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowedControl) {
                add(field, "control_character", "must not contain control characters");
                return null;
            }
            if (Character.isSurrogate(c) && !validSurrogate(value, i)) {
                add(field, "malformed_unicode", "must be well-formed Unicode");
                return null;
            }
        }
        return value;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * Runs a parser or constructor that validates itself; its violations are reported under {@code field}.
     * Returns null when it failed.
     */
    public <T> @Nullable T value(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ValidationException e) {
            for (Violation v : e.violations()) {
                add(field, v.code(), v.message());
            }
            return null;
        }
    }

    /** Records a violation unless {@code ok}; returns {@code ok}, so that dependent checks can follow. */
    public boolean require(boolean ok, String field, String code, String message) {
        if (!ok) {
            add(field, code, message);
        }
        return ok;
    }

    /** A setting that must be present and not blank; returns whether it is. */
    public boolean present(String field, @Nullable String value) {
        return require(value != null && !value.isBlank(), field, "required", "must be set");
    }

    /** Present, positive and finite: timeouts and intervals are never zero or negative. */
    public boolean positive(String field, @Nullable Duration value) {
        if (value == null) {
            add(field, "required", "must be set");
            return false;
        }
        return require(!value.isZero() && !value.isNegative(), field, "not_positive", "must be a positive duration");
    }

    /**
     * A money amount: given, 0 or more, at most {@code maxScale} decimals (trailing zeros aside) and
     * {@code maxIntegerDigits} digits before the point. Returns it with a scale of 0 or more ({@code 1E+3} is
     * {@code 1000}); null when violated.
     */
    public @Nullable BigDecimal amount(String field, @Nullable BigDecimal value, int maxScale, int maxIntegerDigits) {
        if (value == null) {
            add(field, "required", "must be given");
            return null;
        }
        boolean ok = require(value.signum() >= 0, field, "negative", "must not be negative");
        ok &= require(value.stripTrailingZeros().scale() <= maxScale, field, "scale",
                "must have at most " + maxScale + " decimals");
        ok &= require(value.precision() - value.scale() <= maxIntegerDigits, field, "too_large",
                "must have at most " + maxIntegerDigits + " digits before the point");
        if (!ok) {
            return null;
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /** An ISO 4217 currency code in capitals, such as {@code CNY}; null when violated. */
    public @Nullable Currency currency(String field, @Nullable String code) {
        if (code != null && code.length() == 3 && code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            try {
                return Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                // not a currency: reported below
            }
        }
        add(field, "format", "must be an ISO 4217 code like CNY");
        return null;
    }

    /** A TCP port. */
    public boolean port(String field, int port) {
        return require(port >= 1 && port <= 65535, field, "range", "must be between 1 and 65535 but was " + port);
    }

    /** An absolute http or https URL. */
    public boolean httpUrl(String field, @Nullable String value) {
        if (!present(field, value)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null, field, "format",
                    "must be an absolute http or https URL");
        } catch (URISyntaxException e) {
            add(field, "format", "must be an absolute http or https URL");
            return false;
        }
    }

    public void add(String field, String code, String message) {
        violations.add(new Violation(field, code, message));
    }

    public boolean ok() {
        return violations.isEmpty();
    }

    /** Throws one ValidationException with every violation collected so far, if any. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /** Validates one optional free text outside a collection: throws at once; null when absent or blank. */
    public static @Nullable String optionalMultiline(String field, @Nullable String value, int max) {
        Checks checks = new Checks();
        String result = checks.multiline(field, value, max);
        checks.throwIfAny();
        return result;
    }

    /**
     * Whether {@code value} already passes {@link #required(String, String, int)} unchanged: not blank, not
     * padded, at most {@code max} code points, no control characters, well-formed. Allocates nothing, for
     * values read back from storage on hot paths.
     */
    public static boolean isCleanText(@Nullable String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max && value.codePointCount(0, value.length()) > max) {
            return false;
        }
        if (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(value, i)) {
                return false;
            }
        }
        return true;
    }

    /** Validates a single value outside a collection: throws at once. */
    public static String requireText(String field, @Nullable String value, int max) {
        Checks checks = new Checks();
        String result = checks.required(field, value, max);
        checks.throwIfAny();
        return Objects.requireNonNull(result, field); // null only with a violation
    }
}
