package io.crmkit.analytics.marketing;

import java.util.Objects;

/**
 * One arm of an A/B test: a code and its weight among the variants of the campaign ({@code Variant.of("A", 50)}).
 *
 * @param code   the variant's name, 1 to {@value #MAX_CODE} characters
 * @param weight its share relative to the other variants' weights, 1 to {@value #MAX_WEIGHT}
 */
public record Variant(String code, int weight) {
    /** Longest code. */
    public static final int MAX_CODE = 40;
    /** Largest weight. */
    public static final int MAX_WEIGHT = 10_000;

    public Variant {
        Objects.requireNonNull(code, "code");
        if (code.isBlank() || code.length() > MAX_CODE) {
            throw io.crmkit.core.ValidationException.of("code", "length", "must be 1 to " + MAX_CODE + " characters");
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw io.crmkit.core.ValidationException.of("weight", "range", "must be 1 to " + MAX_WEIGHT);
        }
    }

    public static Variant of(String code, int weight) {
        return new Variant(code, weight);
    }
}
