package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.util.Objects;

/**
 * Something named in a text: an order number, a phone number, an amount, a person...
 *
 * @param type  what it is
 * @param start offset of its first char in the original text (UTF-16 index, inclusive)
 * @param end   offset after its last char (exclusive)
 * @param text  the text as written: {@code original.substring(start, end)}
 * @param value the normalised value (see {@link EntityType} for each type's form)
 */
public record Entity(EntityType type, int start, int end, String text, String value) {
    /** Checks that the span is non-empty and agrees with the text's length. */
    public Entity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(value, "value");
        if (start < 0 || end <= start || end - start != text.length()) {
            throw ValidationException.of("span", "range", "needs 0 <= start < end = start + text length but was "
                    + start + ".." + end + " for " + text.length() + " chars");
        }
    }

    /** Whether the two spans share at least one char. */
    public boolean overlaps(Entity other) {
        return start < other.end && other.start < end;
    }
}
