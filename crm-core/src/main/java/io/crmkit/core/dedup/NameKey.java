package io.crmkit.core.dedup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A customer's name in the form a {@link NameMatcher} compares, computed once per customer and detection.
 *
 * @param key          the name's words (or syllables) lower-cased, sorted and joined by single spaces, so that
 *                     "Wei Zhang" and "ZHANG, Wei" are "wei zhang"; empty for a customer without a usable name. Members
 *                     of a large block are compared with their neighbours in this order.
 * @param blockingKeys customers sharing any of these keys are compared; empty for no name
 * @param characters   the name's Chinese characters in their compared form, in order; empty for a name without
 */
public record NameKey(String key, List<String> blockingKeys, String characters) {
    /** A customer without a usable name: compared with nobody by name. */
    public static final NameKey NONE = new NameKey("", List.of(), "");

    /** @throws NullPointerException if an argument or a blocking key is null */
    public NameKey {
        Objects.requireNonNull(key, "key");
        blockingKeys = List.copyOf(blockingKeys);
        Objects.requireNonNull(characters, "characters");
    }

    /**
     * Splits a name into words the way both built-in matchers do: Latin (and other non-Chinese) words normalised
     * with NFKD, marks stripped, lower-cased, spaces, punctuation and emoji separating words; a run of Chinese
     * characters as surname (its first character) and given name (the rest, one word), the way names are written in
     * Latin letters. {@code syllable} gives a Chinese character's word form (the character itself, or its pinyin),
     * {@code character} its compared form (itself, or simplified).
     */
    public static NameKey of(String name, IntFunction<String> syllable, IntFunction<String> character) {
        Objects.requireNonNull(name, "name");
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        StringBuilder han = new StringBuilder();
        List<String> run = new ArrayList<>();
        String text = Normalizer.normalize(name, Normalizer.Form.NFKD);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                flush(word, tokens);
                run.add(syllable.apply(cp));
                han.append(character.apply(cp));
            } else {
                flushRun(run, tokens);
                if (Character.isLetterOrDigit(cp)) {
                    word.appendCodePoint(cp);
                } else if (Character.getType(cp) != Character.NON_SPACING_MARK
                        && Character.getType(cp) != Character.COMBINING_SPACING_MARK
                        && Character.getType(cp) != Character.ENCLOSING_MARK) {
                    flush(word, tokens); // spaces, punctuation, emoji separate words; marks are dropped
                }
            }
        }
        flush(word, tokens);
        flushRun(run, tokens);
        return of(tokens, han.toString());
    }

    /** A key from a name's words and Chinese characters: the sorted words, and as blocking keys those and {@link #fuzzyKey}. */
    public static NameKey of(List<String> words, String characters) {
        List<String> sorted = words.stream().filter(t -> !t.isEmpty()).sorted().toList();
        if (sorted.isEmpty()) {
            return characters.isEmpty() ? NONE : new NameKey("", List.of(), characters);
        }
        String key = String.join(" ", sorted);
        return new NameKey(key, List.of(key, fuzzyKey(sorted)), characters);
    }

    /** The initials of the sorted words and the first three letters of the longest: the blocking key for misspelt names. */
    static String fuzzyKey(List<String> sorted) {
        StringBuilder b = new StringBuilder("~");
        String longest = "";
        for (String t : sorted) {
            b.appendCodePoint(t.codePointAt(0));
            if (t.length() > longest.length()) {
                longest = t;
            }
        }
        int end = longest.offsetByCodePoints(0, Math.min(3, longest.codePointCount(0, longest.length())));
        return b.append(':').append(longest, 0, end).toString();
    }

    private static void flushRun(List<String> run, List<String> tokens) {
        if (!run.isEmpty()) {
            tokens.add(run.get(0));
            if (run.size() > 1) {
                tokens.add(String.join("", run.subList(1, run.size())));
            }
            run.clear();
        }
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }
}
