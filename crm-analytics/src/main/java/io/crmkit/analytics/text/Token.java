package io.crmkit.analytics.text;

import io.crmkit.core.ValidationException;
import java.util.Objects;

/**
 * A word of an analysed text.
 *
 * @param text  the word as the models see it: Latin letters lower-cased, the typographic apostrophe made
 *              ASCII; Chinese as written
 * @param start offset of its first char in the original text (UTF-16 index, inclusive)
 * @param end   offset after its last char in the original text (exclusive); {@code text.substring(start, end)}
 *              is the word as written
 * @param pos   its part of speech in the backend's tag set: ICTCLAS/PKU tags ({@code n}, {@code v},
 *              {@code nr}, ...) for HanLP; for the built-in analyzer only the coarse {@link #NUMBER},
 *              {@link #LATIN} and {@link #HAN}
 */
public record Token(String text, int start, int end, String pos) {
    /** Coarse tag of the built-in analyzer: a run of digits (the PKU tag for numerals). */
    public static final String NUMBER = "m";
    /** Coarse tag of the built-in analyzer: a Latin-script word (the PKU tag for foreign strings). */
    public static final String LATIN = "nx";
    /** Coarse tag of the built-in analyzer: a Chinese word, part of speech unknown. */
    public static final String HAN = "x";

    /** Checks that the span is non-empty and the fields are present. */
    public Token {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(pos, "pos");
        if (start < 0 || end <= start) {
            throw ValidationException.of("span", "range", "needs 0 <= start < end but was " + start + ".." + end);
        }
    }
}
