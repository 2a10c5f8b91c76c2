package io.crmkit.core.internal.check;

import io.crmkit.core.ValidationException;
import io.crmkit.core.ValidationException.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Collects violations so that one {@link ValidationException} can name every bad field at once.
 * Not thread-safe: one instance per validation.
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

    public void require(boolean ok, String field, String code, String message) {
        if (!ok) {
            add(field, code, message);
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

    /** Validates a single value outside a collection: throws at once. */
    public static String requireText(String field, @Nullable String value, int max) {
        Checks checks = new Checks();
        String result = checks.required(field, value, max);
        checks.throwIfAny();
        return result;
    }
}
