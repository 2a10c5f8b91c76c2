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
    /** Words added to the shared built-in dictionary, such as the host's product names. */
    private final Set<String> extra;
    private final int longest;

    private Tokenizer(Set<String> dictionary) {
        this(Set.copyOf(dictionary), Set.of());
    }

    private Tokenizer(Set<String> dictionary, Set<String> extra) {
        this.dictionary = dictionary;
        this.extra = extra;
        int max = 1;
        for (String w : dictionary) {
            max = Math.max(max, w.length());
        }
        for (String w : extra) {
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
        return STANDARD.plus(words);
    }

    /** This tokenizer with more words; the built-in dictionary is shared, not copied. */
    Tokenizer plus(Collection<String> words) {
        Set<String> all = new HashSet<>(extra);
        for (String w : words) {
            String s = Objects.requireNonNull(w, "word").strip();
            if (!s.isEmpty()) {
                all.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return new Tokenizer(dictionary, Set.copyOf(all));
    }

    /** The words added to the built-in dictionary, lower-cased. */
    Set<String> extraWords() {
        return extra;
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
        List<List<String>> out = new ArrayList<>();
        for (List<Token> clause : tokenClauses(text)) {
            List<String> words = new ArrayList<>(clause.size());
            for (Token t : clause) {
                words.add(t.text());
            }
            out.add(words);
        }
        return out;
    }

    /** The words with their spans and coarse tags ({@link Token#NUMBER}, {@link Token#LATIN}, {@link Token#HAN}), per clause. */
    List<List<Token>> tokenClauses(String text) {
        Objects.requireNonNull(text, "text");
        List<List<Token>> clauses = new ArrayList<>();
        List<Token> clause = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isHan(cp)) {
                int j = i;
                while (j < n && isHan(text.codePointAt(j))) {
                    j += Character.charCount(text.codePointAt(j));
                }
                segmentHan(text, i, j, clause);
                i = j;
            } else if (Character.isLetterOrDigit(cp)) {
                int j = i;
                boolean digits = true;
                while (j < n) {
                    int c = text.codePointAt(j);
                    boolean apostrophe = (c == '\'' || c == '’') && j + 1 < n && Character.isLetter(text.codePointAt(j + 1))
                            && j > i;
                    if ((Character.isLetterOrDigit(c) && !isHan(c)) || apostrophe) {
                        digits &= Character.isDigit(c);
                        j += Character.charCount(c);
                    } else {
                        break;
                    }
                }
                clause.add(new Token(text.substring(i, j).replace('’', '\'').toLowerCase(Locale.ROOT), i, j,
                        digits ? Token.NUMBER : Token.LATIN));
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

    private void segmentHan(String text, int from, int to, List<Token> out) {
        int i = from;
        while (i < to) {
            int end = Math.min(to, i + longest);
            int matched = -1;
            for (int j = end; j > i + 1; j--) {
                String candidate = text.substring(i, j);
                if (dictionary.contains(candidate) || extra.contains(candidate)) {
                    matched = j;
                    break;
                }
            }
            if (matched < 0) {
                matched = i + Character.charCount(text.codePointAt(i));
            }
            out.add(new Token(text.substring(i, matched), i, matched, Token.HAN));
            i = matched;
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
