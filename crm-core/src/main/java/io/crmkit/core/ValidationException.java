package io.crmkit.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input broke one or more rules. {@link #violations()} lists every violated field at once, so a
 * form can show all problems in one round trip. Nothing was written.
 */
public class ValidationException extends CrmException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** One violation: {@code field} names the input, {@code code} the rule, {@code message} says it for people. */
    public static ValidationException of(String field, String code, String message) {
        return new ValidationException(List.of(new Violation(field, code, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Whether a violation names this field. */
    public boolean hasViolation(String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; ", "invalid input: ", ""));
    }

    /**
     * A broken rule.
     *
     * @param field   the input's name, with an index for list items: {@code emails[1]}
     * @param code    a stable machine-readable rule name such as {@code required}, {@code too_long}, {@code format}
     * @param message a sentence for people
     */
    public record Violation(String field, String code, String message) {
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return field + " " + message + " (" + code + ")";
        }
    }
}
