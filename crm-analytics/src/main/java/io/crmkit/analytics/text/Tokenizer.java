package io.crmkit.analytics.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Splits English and Chinese text into words. Latin text is split on anything that is not a letter,
 * digit or apostrophe and lower-cased; Chinese (Han characters) is segmented by forward maximum matching
 * against a dictionary, unknown characters becoming one-character words. Text in both scripts may be
 * mixed. Immutable and thread-safe.
 */
public final class Tokenizer {
    private static final Tokenizer STANDARD = new Tokenizer(loadBuiltInDictionary());

    private final Set<String> dictionary;
    private final int longest;

    private Tokenizer(Set<String> dictionary) {
        this.dictionary = Set.copyOf(dictionary);
        int max = 1;
        for (String w : this.dictionary) {
            max = Math.max(max, w.length());
        }
        this.longest = max;
    }

    /** The tokenizer with the built-in Chinese dictionary (common words and the sentiment lexicon). */
    public static Tokenizer standard() {
        return STANDARD;
    }

    /** A tokenizer that segments Chinese with the built-in dictionary plus {@code words}, such as product names. */
    public static Tokenizer withWords(Collection<String> words) {
        Set<String> all = new HashSet<>(STANDARD.dictionary);
        for (String w : words) {
            String s = Objects.requireNonNull(w, "word").strip();
            if (!s.isEmpty()) {
                all.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return new Tokenizer(all);
    }

    /** Whether a character is a Han (Chinese) character. */
    public static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /** The words of the text, punctuation dropped. */
    public List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (List<String> clause : clauses(text)) {
            out.addAll(clause);
        }
        return out;
    }

    /**
     * The words of the text grouped into clauses: runs between punctuation marks (sentence ends, commas,
     * Chinese 。，！？；). Negation and phrases never cross a clause boundary.
     */
    public List<List<String>> clauses(String text) {
        Objects.requireNonNull(text, "text");
        List<List<String>> clauses = new ArrayList<>();
        List<String> clause = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isHan(cp)) {
                int j = i;
                while (j < n && isHan(text.codePointAt(j))) {
                    j += Character.charCount(text.codePointAt(j));
                }
                segmentHan(text.substring(i, j), clause);
                i = j;
            } else if (Character.isLetterOrDigit(cp)) {
                int j = i;
                while (j < n) {
                    int c = text.codePointAt(j);
                    boolean apostrophe = (c == '\'' || c == '’') && j + 1 < n && Character.isLetter(text.codePointAt(j + 1))
                            && j > i;
                    if ((Character.isLetterOrDigit(c) && !isHan(c)) || apostrophe) {
                        j += Character.charCount(c);
                    } else {
                        break;
                    }
                }
                clause.add(text.substring(i, j).replace('’', '\'').toLowerCase(Locale.ROOT));
                i = j;
            } else {
                if (!Character.isWhitespace(cp) && !clause.isEmpty() && isClauseBreak(cp)) {
                    clauses.add(clause);
                    clause = new ArrayList<>();
                }
                i += Character.charCount(cp);
            }
        }
        if (!clause.isEmpty()) {
            clauses.add(clause);
        }
        return clauses;
    }

    private static boolean isClauseBreak(int cp) {
        return cp != '-' && cp != '_' && cp != '/' && cp != '&' && cp != '@' && cp != '#' && cp != '*' && cp != '+';
    }

    private void segmentHan(String run, List<String> out) {
        int i = 0;
        while (i < run.length()) {
            int end = Math.min(run.length(), i + longest);
            String match = null;
            for (int j = end; j > i + 1; j--) {
                String candidate = run.substring(i, j);
                if (dictionary.contains(candidate)) {
                    match = candidate;
                    break;
                }
            }
            if (match == null) {
                int cp = run.codePointAt(i);
                match = new String(Character.toChars(cp));
            }
            out.add(match);
            i += match.length();
        }
    }

    Set<String> dictionary() {
        return dictionary;
    }

    private static Set<String> loadBuiltInDictionary() {
        Set<String> words = new HashSet<>();
        words.addAll(readResource("zh-words.txt"));
        for (String line : readResource("lexicon-zh.txt")) {
            words.add(line.split("\\s+")[0]);
        }
        return words;
    }

    /** Non-blank, non-comment lines of a resource next to this class. */
    static List<String> readResource(String name) {
        try (InputStream in = Tokenizer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            List<String> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    lines.add(s);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
